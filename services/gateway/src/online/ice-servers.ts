import type { IceServerView } from '@pacjent/contracts';
import { ValidateBy, type ValidationOptions } from 'class-validator';

const MAX_ICE_SERVERS = 10;
const ICE_URL = /^(stun|stuns|turn|turns):[^\s]{1,250}$/;

/**
 * ICE_SERVERS: the STUN/TURN servers browsers use for calls, as JSON in the
 * shape RTCPeerConnection takes (`[{"urls": "turn:turn.example.org:3478",
 * "username": "…", "credential": "…"}]`). Null when the text is not that.
 */
export function parseIceServers(text: string): IceServerView[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length > MAX_ICE_SERVERS) return null;
  const servers: IceServerView[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { urls, username, credential } = item as Record<string, unknown>;
    const list = typeof urls === 'string' ? [urls] : urls;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      !list.every((url) => typeof url === 'string' && ICE_URL.test(url))
    ) {
      return null;
    }
    if (username !== undefined && typeof username !== 'string') return null;
    if (credential !== undefined && typeof credential !== 'string') return null;
    servers.push({
      urls: urls as string | string[],
      ...(username !== undefined ? { username } : {}),
      ...(credential !== undefined ? { credential } : {}),
    });
  }
  return servers;
}

/** Validates ICE_SERVERS at start-up (an invalid value stops the gateway). */
export function IsIceServers(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIceServers',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseIceServers(value) !== null,
        defaultMessage: () =>
          'ICE_SERVERS must be a JSON array of {urls: "stun:…"|"turn:…" or a list of them, username?, credential?}',
      },
    },
    options,
  );
}
