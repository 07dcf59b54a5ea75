import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const aff: SiteAdapter = {
  id: 'aff',
  name: 'aff',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
