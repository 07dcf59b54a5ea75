import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const tth: SiteAdapter = {
  id: 'tth',
  name: 'tth',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
