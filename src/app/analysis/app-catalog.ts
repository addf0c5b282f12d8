// The services the app knows for the loaded session: the core catalog plus the new services the
// planner defined when mapping type values at import (saved with each import). Panels name a
// service through here; the dataset controller sets it on every load.
import { BUILT_IN_SERVICES, serviceDefinition, type ServiceCatalog, type ServiceDefinition } from '../../core/analysis/service-catalog.ts';

let catalog: ServiceCatalog = BUILT_IN_SERVICES;

export function setAppCatalog(next: ServiceCatalog): void {
  catalog = next;
}

export function appCatalog(): ServiceCatalog {
  return catalog;
}

export function appService(type: string): ServiceDefinition {
  return serviceDefinition(type, catalog);
}
