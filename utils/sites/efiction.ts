import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const efiction: SiteAdapter = {
  id: 'efiction',
  name: 'efiction',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
