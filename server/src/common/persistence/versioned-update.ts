import type { ObjectLiteral, Repository } from 'typeorm';
import { updateRowVersioned } from './plain-writes.js';

/**
 * Optimistic locking: writes the entity's changes only if its row still has the version that
 * was read, and bumps the version. False when someone else changed the row first.
 */
export async function updateVersioned<T extends ObjectLiteral & { id: string; version: number }>(
  repo: Repository<T>,
  entity: T,
): Promise<boolean> {
  const plain = await updateRowVersioned(repo.manager, repo.target as new () => T, entity);
  if (plain !== undefined) return plain;
  const { id, version, ...changes } = entity;
  const result = await repo.update(
    { id, version } as never,
    { ...changes, version: version + 1 } as never,
  );
  if ((result.affected ?? 0) !== 1) return false;
  entity.version = version + 1;
  return true;
}
