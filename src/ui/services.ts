/**
 * What the UI needs from outside React: the database, the clock and the time zone.
 * Screens get these through context; components never open the database themselves.
 */
import { createContext, useContext } from 'react';
import { runtimeZone, type TimeZone } from '../domain/scheduling/time';
import type { AppDatabase } from '../storage/db';

export interface Services {
  db: AppDatabase;
  /** The UI's clock; domain code never reads one, it is handed `now`. */
  now: () => number;
  zone: TimeZone;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext.Provider>');
  return services;
}

export function defaultServices(db: AppDatabase): Services {
  return { db, now: () => Date.now(), zone: runtimeZone };
}
