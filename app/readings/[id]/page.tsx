import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { ReadingView } from "@/components/reading-view";
import { findReading } from "@/lib/server/readings/find-reading";

const readingParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

type ReadingPageProps = { params: Promise<{ id: string }> };

// One query per request, shared by generateMetadata and the page.
const loadReading = cache(async (rawParams: { id: string }) => {
  const parsed = readingParamsSchema.safeParse(rawParams);
  if (!parsed.success) return null;
  return findReading({ readingId: parsed.data.id });
});

export async function generateMetadata({ params }: ReadingPageProps): Promise<Metadata> {
  const reading = await loadReading(await params);
  return { title: reading ? reading.title : "Reading not found" };
}

export default async function ReadingPage({ params }: ReadingPageProps) {
  const reading = await loadReading(await params);
  if (!reading) notFound();
  return <ReadingView reading={reading} />;
}
