// Integration tests write and delete rows. They run only against a database made for them
// (scripts/test.ts creates scholia_test_*), never against a development or production one.
const url = process.env.DATABASE_URL;
if (!url) throw new Error("Integration tests need DATABASE_URL; run them with `npm test` (which creates a fresh database).");
const database = new URL(url).pathname.slice(1);
if (!database.startsWith("scholia_test_") && process.env.SCHOLIA_ALLOW_ANY_TEST_DATABASE !== "1") {
  throw new Error(
    `Refusing to run integration tests against database "${database}": they write and delete data. ` +
      "Use `npm test`, or point DATABASE_URL at a database named scholia_test_* (or set SCHOLIA_ALLOW_ANY_TEST_DATABASE=1).",
  );
}
