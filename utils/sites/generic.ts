import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const generic: SiteAdapter = {
  id: 'generic',
  name: 'generic',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
