import type * as annotationContracts from "./annotations.ts";
import type * as courseContracts from "./courses.ts";
import type { Endpoint, EndpointSpec, ResultOf } from "./endpoint.ts";
import { FetchError, NETWORK_MESSAGE } from "./fetch-error.ts";
import type { fetchJSON as FetchJSON, RequestOf } from "./fetch-json.ts";

// fetchJSON for the reading page's margin, by the endpoint's name: the contracts (zod schemas,
// which the routes parse with) and fetchJSON load on the first call, not with the page. zod is
// about 27 KB gzip that a reader who only reads never needs (issue #12). Typed exactly as
// fetchJSON(contract, request); failures are the same FetchError (lib/api/fetch-error.ts).

type Contracts = typeof annotationContracts & typeof courseContracts;
/** The endpoints the reading page calls. */
export type ReadingPageEndpoint = { [Name in keyof Contracts]: Contracts[Name] extends Endpoint ? Name : never }[keyof Contracts];

let loading: Promise<{ fetchJSON: typeof FetchJSON; contracts: Contracts }> | undefined;

/** The contracts and fetchJSON, loaded once; a load that failed (offline) is a network failure, tried again next call. */
function load() {
  loading ??= Promise.all([import("./fetch-json.ts"), import("./annotations.ts"), import("./courses.ts")]).then(
    ([{ fetchJSON }, annotations, courses]) => ({ fetchJSON, contracts: { ...annotations, ...courses } }),
    () => {
      loading = undefined;
      throw new FetchError(0, "NETWORK", NETWORK_MESSAGE);
    },
  );
  return loading;
}

/** Calls the named endpoint; resolves with its typed answer, rejects with a FetchError. */
export async function fetchEndpoint<Name extends ReadingPageEndpoint>(
  name: Name,
  request: RequestOf<Contracts[Name]>,
): Promise<ResultOf<Contracts[Name]>> {
  const { fetchJSON, contracts } = await load();
  return (await fetchJSON(contracts[name] as Endpoint<EndpointSpec, unknown>, request as RequestOf<EndpointSpec>)) as ResultOf<
    Contracts[Name]
  >;
}
