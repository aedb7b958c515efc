import "@/components/annotation-card.css";
import type { Metadata } from "next";
import Link from "next/link";
import { Field, SelectField } from "@/components/field";
import { MarkedText } from "@/components/marked-text";
import { RecordOptions } from "@/components/record-options";

import { KIND_LABEL } from "@/lib/domain/annotation-labels";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { listSearchOptions } from "@/lib/server/search/list-search-options";
import { searchAnnotations, type SearchResultPage } from "@/lib/server/search/search-annotations";
import { hasSearchCriteria, parseSearchParams } from "@/lib/server/search/search-input";
import "./search.css";
import { TimeDisplay } from "@/components/time-display";

export const metadata: Metadata = { title: "Search" };

const FIELDS = ["q", "author", "tag", "reading", "paragraph", "kind", "course", "group", "from", "to"] as const;
type FieldName = (typeof FIELDS)[number];

type SearchPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const raw = await searchParams;
  // What was typed, kept as typed (even when invalid) so the form never loses it.
  const typed = Object.fromEntries(FIELDS.map((name) => [name, firstValue(raw[name])])) as Record<FieldName, string>;
  const returnTo = `/search?${new URLSearchParams(Object.entries(typed).filter(([, value]) => value !== "")).toString()}`;
  const actor = await requireActor(returnTo);
  const parsed = parseSearchParams(raw);
  const fieldErrors = parsed.ok ? {} : parsed.fieldErrors;
  const isAsking = parsed.ok && hasSearchCriteria(parsed.query);
  const [options, result] = await Promise.all([
    listSearchOptions({ actorId: actor.id }),
    isAsking && parsed.ok ? searchAnnotations({ actor: await loadActorContext(actor.id), query: parsed.query }) : Promise.resolve(null),
  ]);

  return (
    <div className="search-page">
      <h1>Search</h1>
      <p className="meta">Search the posts you can read: comments, paragraph posts, replies and highlighted passages.</p>
      <form method="get" action="/search" role="search" aria-label="Posts" className="search-form">
        <div className="search-main">
          <Field
            label="Words"
            name="q"
            type="search"
            defaultValue={typed.q}
            errors={fieldErrors.q}
            hint='Quote a phrase with "…", exclude a word with -word, combine with or.'
            maxLength={200}
          />
          <button type="submit" className="button">
            Search
          </button>
        </div>
        <fieldset className="search-filters">
          <legend>Filters</legend>
          <Field label="Author" name="author" defaultValue={typed.author} errors={fieldErrors.author} maxLength={100} />
          <Field label="Tag" name="tag" defaultValue={typed.tag} errors={fieldErrors.tag} maxLength={40} />
          <SelectField label="Reading" name="reading" defaultValue={typed.reading} errors={fieldErrors.reading}>
            <RecordOptions none="Any reading" items={options.readings} labelOf={(reading) => reading.title} />
          </SelectField>
          <Field
            label="Paragraph"
            name="paragraph"
            type="number"
            min={1}
            inputMode="numeric"
            defaultValue={typed.paragraph}
            errors={fieldErrors.paragraph}
          />
          <SelectField label="Kind" name="kind" defaultValue={typed.kind} errors={fieldErrors.kind}>
            <option value="">Any kind</option>
            {Object.entries(KIND_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <SelectField label="Course" name="course" defaultValue={typed.course} errors={fieldErrors.course}>
            <option value="">All my courses and notes</option>
            <option value="notes">My notes (outside courses)</option>
            {options.courses.map((course) => (
              <option key={course.id} value={course.id}>
                {course.title}
              </option>
            ))}
          </SelectField>
          <SelectField label="Group" name="group" defaultValue={typed.group} errors={fieldErrors.group}>
            <option value="">Any group</option>
            {options.courses
              .filter((course) => course.groups.length > 0)
              .map((course) => (
                <optgroup key={course.id} label={course.title}>
                  {course.groups.map((group) => (
                    <option key={group.id} value={group.id}>
                      {group.name}
                    </option>
                  ))}
                </optgroup>
              ))}
          </SelectField>
          <Field label="Posted from" name="from" type="date" defaultValue={typed.from} errors={fieldErrors.from} />
          <Field label="Posted until" name="to" type="date" defaultValue={typed.to} errors={fieldErrors.to} />
        </fieldset>
      </form>

      {!parsed.ok ? (
        <p className="form-error" role="alert">
          Some search fields are not valid: {Object.values(parsed.fieldErrors).flat().join(" ")}
        </p>
      ) : null}
      {parsed.ok && !isAsking ? <p className="empty-state">Type a word to search for, or choose a filter.</p> : null}
      {result ? <Results result={result} typed={typed} /> : null}
    </div>
  );
}

function Results({ result, typed }: { result: SearchResultPage; typed: Record<FieldName, string> }) {
  const first = (result.page - 1) * result.pageSize + 1;
  const heading = result.items.length === 0 ? "No results" : `Results ${first}–${first + result.items.length - 1} of ${result.total}`;
  return (
    <section aria-labelledby="search-results-heading" className="search-results">
      <h2 id="search-results-heading" aria-live="polite">
        {heading}
      </h2>
      {result.items.length === 0 ? (
        <p className="empty-state">
          {result.page > 1 ? "There are no more results on this page." : "Nothing you can read matches. Try other words or fewer filters."}
        </p>
      ) : (
        <ol className="search-result-list" start={first}>
          {result.items.map((item) => (
            <li key={item.id} className="search-result">
              <p className="search-result-where">
                <Link href={item.href}>
                  {item.readingTitle}, paragraph {item.paragraphPosition}
                </Link>
                <span className="meta"> · {item.courseTitle ?? "My notes"}</span>
              </p>
              <p className="meta">
                <strong>{item.authorName}</strong> · {KIND_LABEL[item.kind]} · <TimeDisplay iso={item.createdAt} />
                {item.isHidden ? " · hidden by an instructor" : null}
                {item.tags.length > 0 ? ` · tags: ${item.tags.join(", ")}` : null}
              </p>
              {item.quote ? (
                <blockquote className="annotation-quote">
                  <MarkedText segments={item.quote} />
                </blockquote>
              ) : null}
              {item.snippet.length > 0 ? (
                <p className="search-snippet">
                  <MarkedText segments={item.snippet} />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {result.page > 1 || result.hasNextPage ? (
        <nav aria-label="Result pages" className="search-pager">
          {result.page > 1 ? <Link href={pageHref(typed, result.page - 1)}>Previous page</Link> : null}
          <span className="meta">Page {result.page}</span>
          {result.hasNextPage ? <Link href={pageHref(typed, result.page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

function pageHref(typed: Record<FieldName, string>, page: number): string {
  const params = new URLSearchParams(Object.entries(typed).filter(([, value]) => value !== ""));
  params.set("page", String(page));
  return `/search?${params.toString()}`;
}

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}
