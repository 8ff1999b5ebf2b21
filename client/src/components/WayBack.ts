/** Where a dead end leads back to: a page the person can use. */
export interface WayBack {
  to: string;
  label: string;
}
