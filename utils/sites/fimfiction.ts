import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const fimfiction: SiteAdapter = {
  id: 'fimfiction',
  name: 'fimfiction',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
