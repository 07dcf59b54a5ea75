import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const allaboutspike: SiteAdapter = {
  id: 'allaboutspike',
  name: 'allaboutspike',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
