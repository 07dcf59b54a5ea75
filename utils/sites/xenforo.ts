import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const xenforo: SiteAdapter = {
  id: 'xenforo',
  name: 'xenforo',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
