// Reads that several pages share: the categories, and lists the contracts keep by counter
// (proposals from 0, missions and nominations from 1) since no message enumerates them.
import { readOr } from './read.js';

const MAX_CATEGORIES = 64;

/**
 * [{ id, name, params, rules }]: governance's categories (0 is the constitution, which merit
 * does not know), named by merit. Ids are merit's counter, so the list ends at the first id
 * neither contract knows.
 */
export async function loadCategories(conn) {
  const out = [];
  for (let id = 0; id < MAX_CATEGORIES; id++) {
    const [params, category] = await Promise.all([
      readOr(null, conn, 'governance', 'params', id),
      id === 0 ? null : readOr(null, conn, 'merit', 'category', id),
    ]);
    if (id > 0 && !params && !category) break;
    out.push({ id, name: id === 0 ? 'Constitution' : (category?.name ?? `category ${id}`), params, rules: category?.rules ?? null });
  }
  return out;
}

/** Items `get(id)` for id = first, first+1, … until the first null (at most `limit`). */
export async function scanIds(get, first, limit = 200, batch = 8) {
  const found = [];
  for (let start = first; start < first + limit; start += batch) {
    const ids = Array.from({ length: batch }, (_, i) => start + i);
    const items = await Promise.all(ids.map(get));
    for (let i = 0; i < ids.length; i++) {
      if (items[i] == null) return found;
      found.push({ id: ids[i], ...items[i] });
    }
  }
  return found;
}
