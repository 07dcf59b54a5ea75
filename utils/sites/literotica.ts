import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const literotica: SiteAdapter = {
  id: 'literotica',
  name: 'literotica',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
