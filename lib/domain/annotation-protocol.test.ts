import { describe, expect, it } from "vitest";
import {
  isIfMatchSatisfied,
  isNotModified,
  negotiateAnnotationMediaType,
  parseContainerPreference,
  PREFER_CONTAINED_DESCRIPTIONS,
  PREFER_CONTAINED_IRIS,
  PREFER_MINIMAL_CONTAINER,
} from "./annotation-protocol.ts";

describe("negotiateAnnotationMediaType", () => {
  it("[PROTOCOL] no Accept, or a wildcard, gets JSON-LD with the anno profile", () => {
    expect(negotiateAnnotationMediaType(null)).toBe("ld+json");
    expect(negotiateAnnotationMediaType("")).toBe("ld+json");
    expect(negotiateAnnotationMediaType("*/*")).toBe("ld+json");
    expect(negotiateAnnotationMediaType("application/*")).toBe("ld+json");
  });

  it("[PROTOCOL] the protocol's media type, with or without its profile, is JSON-LD", () => {
    expect(negotiateAnnotationMediaType('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"')).toBe("ld+json");
    expect(negotiateAnnotationMediaType("application/ld+json")).toBe("ld+json");
    expect(negotiateAnnotationMediaType('application/ld+json;profile="http://www.w3.org/ns/anno.jsonld http://example.org/other"')).toBe(
      "ld+json",
    );
  });

  it("[PROTOCOL] application/json is still served, as plain JSON", () => {
    expect(negotiateAnnotationMediaType("application/json")).toBe("json");
    expect(negotiateAnnotationMediaType("application/json, application/ld+json;q=0.5")).toBe("json");
    expect(negotiateAnnotationMediaType("text/html, application/json;q=0.9, */*;q=0.1")).toBe("json");
  });

  it("[PROTOCOL] a tie or a higher weight for JSON-LD answers JSON-LD", () => {
    expect(negotiateAnnotationMediaType("application/json, application/ld+json")).toBe("ld+json");
    expect(negotiateAnnotationMediaType("application/json;q=0.4, application/ld+json;q=0.8")).toBe("ld+json");
  });

  it("[PROTOCOL] nothing we serve acceptable is null (406)", () => {
    expect(negotiateAnnotationMediaType("text/html")).toBeNull();
    expect(negotiateAnnotationMediaType("application/xml, text/*")).toBeNull();
    expect(negotiateAnnotationMediaType('application/ld+json; profile="http://www.w3.org/ns/activitystreams"')).toBeNull();
    expect(negotiateAnnotationMediaType("application/json;q=0, application/ld+json;q=0")).toBeNull();
  });

  it("[PROTOCOL] the most specific range decides: */* cannot bring back a type refused by name", () => {
    expect(negotiateAnnotationMediaType("application/ld+json;q=0, */*")).toBe("json");
  });
});

describe("parseContainerPreference", () => {
  it("[PROTOCOL] reads the three container preferences of a Prefer header", () => {
    expect(parseContainerPreference(`return=representation;include="${PREFER_MINIMAL_CONTAINER}"`)).toBe("minimal");
    expect(parseContainerPreference(`return=representation; include="${PREFER_CONTAINED_IRIS}"`)).toBe("iris");
    expect(parseContainerPreference(`return=representation; include="${PREFER_CONTAINED_DESCRIPTIONS}"`)).toBe("descriptions");
  });

  it("[PROTOCOL] several IRIs in include: the smaller answer wins", () => {
    expect(parseContainerPreference(`return=representation; include="${PREFER_CONTAINED_DESCRIPTIONS} ${PREFER_CONTAINED_IRIS}"`)).toBe(
      "iris",
    );
  });

  it("[PROTOCOL] no header, another preference or an unknown IRI is no preference", () => {
    expect(parseContainerPreference(null)).toBeNull();
    expect(parseContainerPreference("respond-async, wait=10")).toBeNull();
    expect(parseContainerPreference('return=representation; include="http://example.org/other"')).toBeNull();
    expect(parseContainerPreference(`return=minimal; include="${PREFER_CONTAINED_IRIS}"`)).toBeNull();
  });
});

describe("entity tags", () => {
  const current = '"abc123"';

  it("[PROTOCOL] If-Match holds when absent, *, or naming the current tag among others", () => {
    expect(isIfMatchSatisfied(null, current)).toBe(true);
    expect(isIfMatchSatisfied("*", current)).toBe(true);
    expect(isIfMatchSatisfied('"old", "abc123"', current)).toBe(true);
  });

  it("[PROTOCOL] a stale or weak tag does not satisfy If-Match (412)", () => {
    expect(isIfMatchSatisfied('"old"', current)).toBe(false);
    expect(isIfMatchSatisfied('W/"abc123"', current)).toBe(false);
    expect(isIfMatchSatisfied("abc123", current)).toBe(false);
  });

  it("[PROTOCOL] If-None-Match compares weakly and * always matches (304)", () => {
    expect(isNotModified('"abc123"', current)).toBe(true);
    expect(isNotModified('W/"abc123"', current)).toBe(true);
    expect(isNotModified("*", current)).toBe(true);
    expect(isNotModified('"other"', current)).toBe(false);
    expect(isNotModified(null, current)).toBe(false);
  });
});
