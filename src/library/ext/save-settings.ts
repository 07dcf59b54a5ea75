/** The save settings in storage.sync: they follow the reader to other devices, as the reader's do. */
import { normalizeSaveSettings, type SaveSettings } from '../save-settings';
import { SAVE_SETTINGS } from '../../core/storage-keys';
import { storedItem } from '../../core/ext/storage-items';

const item = storedItem(SAVE_SETTINGS);

export async function loadSaveSettings(): Promise<SaveSettings> {
  return normalizeSaveSettings(await item.getValue());
}

export async function saveSaveSettings(settings: SaveSettings): Promise<void> {
  await item.setValue(normalizeSaveSettings(settings));
}
