/**
 * The storage keys of src/core/storage-keys.ts through @wxt-dev/storage: typed, read as their
 * fallback while nothing is stored.
 */
import { storage, type StorageItemKey, type WxtStorageItem } from '@wxt-dev/storage';
import { memberKey, type StorageAreaName, type StoredFamily, type StoredItem } from '../storage-keys';

const itemKey = (area: StorageAreaName, key: string): StorageItemKey => `${area}:${key}`;

/** A declared item; define each once (a module constant): defining one reads it. */
export function storedItem<T>(declared: StoredItem<T>): WxtStorageItem<T, Record<string, never>> {
  return storage.defineItem<T, Record<string, never>>(itemKey(declared.area, declared.key), { fallback: declared.fallback });
}

/** A family's member `name` (a tab id, a device…), read and written by its key. */
export function familyMember<T>(declared: StoredFamily<T>, name: string | number) {
  const key = itemKey(declared.area, memberKey(declared, name));
  return {
    getValue: (): Promise<T> => storage.getItem<T>(key, { fallback: declared.fallback }),
    setValue: (value: T): Promise<void> => storage.setItem<T>(key, value),
    removeValue: (): Promise<void> => storage.removeItem(key),
  };
}
