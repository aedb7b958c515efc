-- The per-person cap on posts on a reading in one context (SCHOLIA_MAX_POSTS_PER_READING), checked
-- by PostgreSQL at commit (issue #12). The app used to take the advisory lock that keeps one
-- person's parallel posts from passing the cap together, then count and commit in two more round
-- trips: under load the lock was held across the event loop's delays and one person's posts waited
-- for each other for seconds. A deferred constraint trigger takes the same lock at COMMIT, counts
-- and returns inside the server, so the lock is held for microseconds plus the commit.
--
-- The cap comes from the transaction that inserts (set_config('scholia.post_cap', …, true), see
-- lib/server/quotas/require-room-for-post.ts): rows inserted without it (imports, seeds, bulk
-- loads) are not capped here, as before.
--
-- The body is an E'' string with \073 for each semicolon: the migration runner's driver adapter
-- splits a script at every semicolon, dollar quotes or not.
CREATE FUNCTION scholia_check_post_cap() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  cap integer := nullif(current_setting(''scholia.post_cap'', true), '''')::integer\073
  posts integer\073
BEGIN
  IF cap IS NULL OR NEW."deletedAt" IS NOT NULL THEN
    RETURN NULL\073
  END IF\073
  PERFORM pg_advisory_xact_lock(hashtext(''post-cap:'' || NEW."authorId" || '':'' || NEW."readingId" || '':'' || coalesce(NEW."courseId", ''notes'')))\073
  -- A new statement, so a new snapshot: it sees what the lock''s previous holder committed.
  IF NEW."courseId" IS NULL THEN
    SELECT count(*) INTO posts FROM (
      SELECT 1 FROM "Annotation"
       WHERE "authorId" = NEW."authorId" AND "readingId" = NEW."readingId" AND "courseId" IS NULL AND "deletedAt" IS NULL
       LIMIT cap + 1
    ) AS counted\073
  ELSE
    SELECT count(*) INTO posts FROM (
      SELECT 1 FROM "Annotation"
       WHERE "authorId" = NEW."authorId" AND "readingId" = NEW."readingId" AND "courseId" = NEW."courseId" AND "deletedAt" IS NULL
       LIMIT cap + 1
    ) AS counted\073
  END IF\073
  IF posts > cap THEN
    RAISE EXCEPTION ''scholia_post_cap: % posts, cap %'', posts, cap USING ERRCODE = ''SC409''\073
  END IF\073
  RETURN NULL\073
END\073
';

CREATE CONSTRAINT TRIGGER "Annotation_post_cap"
  AFTER INSERT ON "Annotation"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION scholia_check_post_cap();
