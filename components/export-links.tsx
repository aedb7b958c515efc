import "./export-links.css";

/** Download links for what the reader may see of the reading in this context. */
export function ExportLinks({ readingId, courseId }: { readingId: string; courseId: string | null }) {
  const href = (format: string) => {
    const params = new URLSearchParams({ format });
    if (courseId) params.set("course", courseId);
    return `/api/readings/${encodeURIComponent(readingId)}/export?${params.toString()}`;
  };
  return (
    <section className="context-note export-links" aria-labelledby="export-heading">
      <h2 id="export-heading" className="export-heading">
        Export
      </h2>
      <p>
        Download what you can see here{courseId ? " in this course" : " in your notes"}:{" "}
        <a href={href("jsonld")} download>
          Web Annotation (JSON-LD)
        </a>
        {" · "}
        <a href={href("csv")} download>
          CSV
        </a>
        {" · "}
        <a href={href("md")} download>
          Markdown digest
        </a>
      </p>
    </section>
  );
}
