import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const royalroad: SiteAdapter = {
  id: 'royalroad',
  name: 'royalroad',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
