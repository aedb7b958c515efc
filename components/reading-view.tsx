import type { ReadingView as ReadingData } from "@/lib/server/readings/find-reading";
import { CopyLinkButton } from "./copy-link-button";

/** The reading as printed: the line above the title, title, place and date, then numbered
 *  paragraphs, each addressable as #p-N. The source is credited once, in the header. */
export function ReadingView({ reading }: { reading: ReadingData }) {
  const issuedOn = reading.issuedOn ? reading.issuedOn.toISOString().slice(0, 10) : null;
  return (
    <article className="reading" aria-labelledby="reading-title">
      <header className="reading-header">
        {reading.kicker ? <p className="reading-kicker">{reading.kicker}</p> : null}
        <h1 id="reading-title">{reading.title}</h1>
        {reading.placeAndDate ? (
          <p className="reading-dateline">
            {issuedOn ? <time dateTime={issuedOn}>{reading.placeAndDate}</time> : reading.placeAndDate}
          </p>
        ) : null}
        {reading.source ? <p className="reading-source">Source: {reading.source}</p> : null}
      </header>
      <h2 className="visually-hidden">Text, {reading.paragraphs.length} paragraphs</h2>
      <ol className="paragraphs">
        {reading.paragraphs.map((paragraph) => (
          <li key={paragraph.id} id={`p-${paragraph.position}`} className="paragraph" data-key={paragraph.key}>
            <a className="paragraph-number" href={`#p-${paragraph.position}`} aria-label={`Paragraph ${paragraph.position}`}>
              {paragraph.position}
            </a>
            <div className="paragraph-body">
              <p>{paragraph.text}</p>
              <div className="paragraph-tools">
                <CopyLinkButton anchor={`p-${paragraph.position}`} label={`Copy link to paragraph ${paragraph.position}`} />
              </div>
            </div>
          </li>
        ))}
      </ol>
    </article>
  );
}
