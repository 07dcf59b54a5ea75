import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const ao3: SiteAdapter = {
  id: 'ao3',
  name: 'ao3',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
