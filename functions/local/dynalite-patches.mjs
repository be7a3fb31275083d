// Two fixes to dynalite applied at startup of the store (no fork): plain JavaScript, because the store's
// worker thread loads it without a TypeScript loader.
//
// 1. Iterators are closed. dynalite turns each LevelDB iterator into a stream whose destroy() closes it
//    through `iterator.return()`, a method abstract-level's iterators do not have; so every Query and
//    Scan left its iterator — and the LevelDB snapshot it pins, with every memtable written since —
//    open until the database closed (1.1 GB RSS after 20,000 writes and a few hundred list queries).
//    Giving each iterator a `return()` that closes it lets the stream's auto-destroy free it.
//
// 2. An item and its index entries are written in one LevelDB batch. dynalite writes the index entries
//    (deletes, then puts) and then the item, as separate writes: a process that dies between them, or a
//    store closed between them, leaves index entries the item does not match — e.g. a case listed in
//    `submitted` that is `assigned`, or an entry for an item that was never written. The batch is
//    atomic, so an index entry exists exactly when its item says so.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const db = require('dynalite/db/index.js');

const PATCHED = Symbol.for('duban.dynalite.patched');

/** Applies both patches once per process; returns the stores created since (for tests). */
export function patchDynalite() {
  if (db[PATCHED]) return db[PATCHED];
  const state = { stores: [] };
  db[PATCHED] = state;

  const create = db.create;
  db.create = function patchedCreate(options) {
    const store = create.call(this, options);
    closeIteratorsOnReturn(store.db);
    atomicItemWrites(store);
    const recreate = store.recreate;
    store.recreate = function patchedRecreate() {
      recreate.call(this); // a server listening again after close() gets a fresh store: patch it too
      closeIteratorsOnReturn(this.db);
      atomicItemWrites(this);
      this.recreate = patchedRecreate;
    };
    state.stores.push(store);
    return store;
  };

  // Index writes are computed here but deferred to the item write that always follows (under the
  // item's lock) in putItem, updateItem and deleteItem.
  db.updateIndexes = function deferredUpdateIndexes(store, table, existingItem, item, cb) {
    const ops = [];
    for (const kind of ['Local', 'Global']) {
      const actions = db.getIndexActions(table[`${kind}SecondaryIndexes`] || [], existingItem, item, table);
      const prefix = `index-${kind.toLowerCase()}~${table.TableName}~`;
      for (const d of actions.deletes) ops.push({ type: 'del', key: `${prefix}${d.index}~${d.key}` });
      for (const p of actions.puts)
        ops.push({ type: 'put', key: `${prefix}${p.index}~${p.key}`, value: p.item });
    }
    const itemOrOld = item || existingItem;
    if (itemOrOld) store.pendingIndexWrites.set(`${table.TableName}\0${db.createKey(itemOrOld, table)}`, ops);
    setImmediate(cb);
  };
  return state;
}

function closeIteratorsOnReturn(level) {
  for (const method of ['iterator', 'keys', 'values']) {
    const original = level[method].bind(level);
    level[method] = (options) => {
      const it = original(options);
      if (!it.return) it.return = () => it.close();
      return it;
    };
  }
}

function atomicItemWrites(store) {
  store.pendingIndexWrites = new Map();
  const getItemDb = store.getItemDb;
  store.getItemDb = (name) => {
    const itemDb = getItemDb(name);
    if (itemDb[PATCHED]) return itemDb;
    itemDb[PATCHED] = true;
    const take = (key) => {
      const id = `${name}\0${key}`;
      const ops = store.pendingIndexWrites.get(id);
      store.pendingIndexWrites.delete(id);
      return ops;
    };
    const put = itemDb.put;
    itemDb.put = (key, value, cb) => {
      const ops = take(key);
      if (!ops) return put.call(itemDb, key, value, cb);
      store.db.batch([...ops, { type: 'put', key: `item-${name}~${key}`, value }], cb);
    };
    const del = itemDb.del;
    itemDb.del = (key, cb) => {
      const ops = take(key);
      if (!ops) return del.call(itemDb, key, cb);
      store.db.batch([...ops, { type: 'del', key: `item-${name}~${key}` }], cb);
    };
    return itemDb;
  };
}
