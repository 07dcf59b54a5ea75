import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const wattpad: SiteAdapter = {
  id: 'wattpad',
  name: 'wattpad',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
