import { z } from 'zod';
import { BusinessAreaSchema } from './organizations';

export const Health = z
  .object({
    db: z.enum(['up', 'down']),
    demo: z.boolean(),
    /** The shared mode's Redis (several nodes): `off` when this node runs alone. */
    redis: z.enum(['up', 'down', 'off']),
  })
  .meta({
    id: 'Health',
    description:
      'demo: whether the demo accounts are seeded (never in production); 503 when the database or, in the shared mode, Redis is down',
  });
export type Health = z.infer<typeof Health>;

export const NodeHealth = z.object({ node: z.literal('up') }).meta({ id: 'NodeHealth' });

export const BusinessAreaList = z.object({ businessAreas: z.array(BusinessAreaSchema) }).meta({ id: 'BusinessAreaList' });
export type BusinessAreaList = z.infer<typeof BusinessAreaList>;
