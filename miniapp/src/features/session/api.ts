import { demoHolderListSchema, sessionSchema, type DemoHolder, type Session } from '@roadcert/shared';
import { getJson, postJson } from '../../lib/request';

/** DEMO sign-in (stand-in until real identity lands): the seeded holders one may act as. */
export async function fetchDemoHolders(): Promise<DemoHolder[]> {
  const list = await getJson('/api/v1/demo/holders', demoHolderListSchema);
  return list.items;
}

export function startDemoSession(key: string): Promise<Session> {
  return postJson('/api/v1/demo/session', { key }, sessionSchema);
}
