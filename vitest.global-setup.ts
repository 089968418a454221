import { dropTemplateDatabase, prepareTemplateDatabase, testDatabaseUrl } from "./db/test-utils";

/** On PostgreSQL, migrate a template database once; each test file clones it. */
export default async function setup() {
  const url = testDatabaseUrl();
  if (!url) return;
  await prepareTemplateDatabase(url);
  return async () => dropTemplateDatabase(url);
}
