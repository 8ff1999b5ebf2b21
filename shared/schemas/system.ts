import { z } from 'zod';
import { BusinessAreaSchema } from './organizations';

export const Health = z
  .object({ db: z.enum(['up', 'down']), demo: z.boolean() })
  .meta({ id: 'Health', description: 'demo: whether the demo accounts are seeded (never in production)' });
export type Health = z.infer<typeof Health>;

export const BusinessAreaList = z.object({ businessAreas: z.array(BusinessAreaSchema) }).meta({ id: 'BusinessAreaList' });
export type BusinessAreaList = z.infer<typeof BusinessAreaList>;
