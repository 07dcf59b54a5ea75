import type { SiteAdapter } from './types';
import { emptyInfo } from '../model';

// Placeholder: replaced by the real adapter.
export const bloodshedverse: SiteAdapter = {
  id: 'bloodshedverse',
  name: 'bloodshedverse',
  hosts: [],
  claims: () => false,
  read: () => emptyInfo(),
};
