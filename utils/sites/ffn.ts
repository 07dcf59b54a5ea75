import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const ffn: SiteAdapter = {
  id: 'ffn',
  name: 'ffn',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
