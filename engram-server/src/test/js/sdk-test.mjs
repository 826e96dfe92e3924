// LangGraph's JS SDK against a running Engram server: every client.store method, as a LangGraph
// user calls it. Started by LangGraphSdkIT with ENGRAM_URL, ENGRAM_API_KEY (granted users.alice
// and docs) and ENGRAM_OTHER_KEY (granted users.bob), against a store whose index embeds every
// item's "text". Exits non-zero on the first failure.
import assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";

const apiUrl = process.env.ENGRAM_URL;
const client = new Client({ apiUrl, apiKey: process.env.ENGRAM_API_KEY, callerOptions: { maxRetries: 0 } });
const other = new Client({ apiUrl, apiKey: process.env.ENGRAM_OTHER_KEY, callerOptions: { maxRetries: 0 } });
const store = client.store;
let passed = 0;

async function check(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    console.log(`not ok - ${name}: ${e.stack ?? e}`);
    console.log(`${passed} passed, 1 failed`);
    process.exit(1);
  }
}

async function rejectsWith(status, call) {
  await assert.rejects(call, (e) => e.status === status || new RegExp(`HTTP ${status}`).test(e.message));
}

await check("putItem then getItem returns the item", async () => {
  await store.putItem(["users", "alice"], "prefs", { lang: "en", age: 34, nested: { ok: true } });
  const item = await store.getItem(["users", "alice"], "prefs");
  assert.deepEqual(item.namespace, ["users", "alice"]);
  assert.equal(item.key, "prefs");
  assert.deepEqual(item.value, { lang: "en", age: 34, nested: { ok: true } });
  assert.ok(!Number.isNaN(Date.parse(item.createdAt)));
  assert.ok(!Number.isNaN(Date.parse(item.updatedAt)));
  assert.equal(item.version, 1);
});

await check("getItem resolves to null for a missing item", async () => {
  assert.equal(await store.getItem(["users", "alice"], "missing"), null);
});

await check("putItem replaces and bumps the version", async () => {
  await store.putItem(["users", "alice"], "prefs", { lang: "fr" });
  const item = await store.getItem(["users", "alice"], "prefs");
  assert.deepEqual(item.value, { lang: "fr" });
  assert.equal(item.version, 2);
});

await check("ttl in minutes sets expires_at; refreshTtl is accepted", async () => {
  await store.putItem(["users", "alice"], "session", { step: 1 }, { ttl: 30 });
  const item = await store.getItem(["users", "alice"], "session", { refreshTtl: false });
  assert.equal(Date.parse(item.expires_at) - Date.parse(item.updated_at), 30 * 60 * 1000);
  const refreshed = await store.getItem(["users", "alice"], "session", { refreshTtl: true });
  assert.ok(Date.parse(refreshed.expires_at) >= Date.parse(item.expires_at));
});

await check("ttl null never expires", async () => {
  await store.putItem(["users", "alice"], "forever", { a: 1 }, { ttl: null });
  assert.equal((await store.getItem(["users", "alice"], "forever")).expires_at, null);
});

await check("deleteItem removes the item", async () => {
  await store.deleteItem(["users", "alice"], "session");
  assert.equal(await store.getItem(["users", "alice"], "session"), null);
  await store.deleteItem(["users", "alice"], "session"); // idempotent
});

await check("searchItems filters and pages", async () => {
  for (let i = 0; i < 9; i++) {
    await store.putItem(["docs", `d${i % 3}`], `k${i}`, { i, even: i % 2 === 0, author: i < 3 ? "ann" : "bo" });
  }
  const evens = await store.searchItems(["docs"], { filter: { even: true }, limit: 10 });
  assert.equal(evens.items.length, 5);
  assert.ok(evens.items.every((item) => item.value.even === true && item.createdAt));
  const ranged = await store.searchItems(["docs"], { filter: { i: { $gte: 3, $lt: 7 }, author: "bo" } });
  assert.deepEqual(ranged.items.map((item) => item.value.i).sort(), [3, 4, 5, 6]);
  const page1 = await store.searchItems(["docs"], { limit: 4, offset: 0 });
  const page2 = await store.searchItems(["docs"], { limit: 4, offset: 4 });
  const page3 = await store.searchItems(["docs"], { limit: 4, offset: 8 });
  const keys = [...page1.items, ...page2.items, ...page3.items].map((item) => item.key);
  assert.equal(keys.length, 9);
  assert.equal(new Set(keys).size, 9);
  const defaults = await store.searchItems(["docs"]);
  assert.equal(defaults.items.length, 9);
});

await check("searchItems with a query ranks indexed items by score", async () => {
  const facts = ["users", "alice", "facts"];
  await store.putItem(facts, "cat", { text: "the cat sleeps on the warm windowsill" });
  await store.putItem(facts, "rust", { text: "the rust compiler checks borrowing" });
  await store.putItem(facts, "hidden", { text: "the cat sleeps" }, { index: false });
  const found = await store.searchItems(facts, { query: "where does the cat sleep" });
  assert.deepEqual(found.items.map((item) => item.key), ["cat", "rust"]);
  assert.ok(found.items.every((item) => typeof item.score === "number" && item.createdAt));
  assert.ok(found.items[0].score > found.items[1].score);
  const filtered = await store.searchItems(["users"], { query: "cat", filter: { text: { $exists: true } } });
  assert.deepEqual(filtered.items.map((item) => item.key).sort(), ["cat", "rust"]);
  const plain = await store.searchItems(facts);
  assert.ok(plain.items.every((item) => item.score === null));
});

await check("listNamespaces with prefix, suffix, maxDepth and paging", async () => {
  const all = await store.listNamespaces({ prefix: ["docs"] });
  assert.deepEqual(all.namespaces, [["docs", "d0"], ["docs", "d1"], ["docs", "d2"]]);
  assert.deepEqual((await store.listNamespaces({ prefix: ["docs"], maxDepth: 1 })).namespaces, [["docs"]]);
  assert.deepEqual((await store.listNamespaces({ suffix: ["d2"] })).namespaces, [["docs", "d2"]]);
  assert.deepEqual((await store.listNamespaces({ prefix: ["docs"], limit: 1, offset: 1 })).namespaces,
    [["docs", "d1"]]);
});

await check("invalid input is a 422, not a silent success", async () => {
  await rejectsWith(422, () => store.putItem(["docs"], "", { a: 1 }));
  await rejectsWith(422, () => store.searchItems(["docs"], { filter: { i: { $near: 1 } } }));
});

await check("another tenant's key sees none of it", async () => {
  await rejectsWith(403, () => other.store.getItem(["users", "alice"], "prefs"));
  await rejectsWith(403, () => other.store.putItem(["users", "alice"], "prefs", { hacked: true }));
  await rejectsWith(403, () => other.store.deleteItem(["users", "alice"], "prefs"));
  assert.deepEqual((await other.store.searchItems([], { limit: 100 })).items, []);
  assert.deepEqual((await other.store.searchItems([], { query: "cat", limit: 100 })).items, []);
  assert.deepEqual((await other.store.listNamespaces({})).namespaces, []);
  assert.deepEqual((await store.getItem(["users", "alice"], "prefs")).value, { lang: "fr" });
});

await check("a request without a key is refused", async () => {
  const anonymous = new Client({ apiUrl, apiKey: null, callerOptions: { maxRetries: 0 } });
  await rejectsWith(401, () => anonymous.store.getItem(["users", "alice"], "prefs"));
});

console.log(`${passed} passed, 0 failed`);
