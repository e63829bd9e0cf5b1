import { generateCustomer } from '../../data/customer';

/** One row of the compatibility pages' workspace: what a CRM grid lists per customer. */
export interface CompatCustomer {
  id: number;
  name: string;
  cpf: string;
  phone: string;
  email: string;
  city: string;
}

/** A real workspace's size: big enough that grids virtualise and a "copy all" is large. */
export const CUSTOMER_COUNT = 10_000;

/** The same customers on every page and in the tests (demo/data is seeded and checksum-valid). */
export function compatCustomers(count = CUSTOMER_COUNT): CompatCustomer[] {
  const out: CompatCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const c = generateCustomer(i);
    out.push({ id: i + 1, name: c.name, cpf: c.cpf, phone: c.phone, email: c.email, city: c.city });
  }
  return out;
}

/** The sensitive columns: every value in them must be masked wherever it leaves the grid. */
export const SENSITIVE_FIELDS = ['cpf', 'phone', 'email'] as const;

declare global {
  interface Window {
    /** The app's own data as the library holds it (JSON), for the tests' "data unchanged" checks. */
    compatModel?: () => string;
  }
}

/** Marks the page ready for the tests once the library has rendered. */
export function markReady(model: () => string): void {
  window.compatModel = model;
  document.documentElement.dataset.demoReady = 'true';
}
