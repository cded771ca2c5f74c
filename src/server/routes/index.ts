import type { AppDeps } from '../deps.js';
import type { FastifyTypebox } from '../types.js';
import { adminRoutes } from './admin.js';
import { admissionRoutes } from './admission.js';
import { alertRoutes } from './alerts.js';
import { attendanceRoutes } from './attendance.js';
import { authRoutes } from './auth.js';
import { breakGlassRoutes } from './breakGlass.js';
import { disclosureRoutes } from './disclosures.js';
import { healthRoutes } from './health.js';
import { intakeRoutes } from './intake.js';
import { measureRoutes } from './measures.js';
import { patientRoutes } from './patients.js';
import { placementRoutes } from './placement.js';
import { programRoutes } from './programs.js';
import { scheduleRoutes } from './schedule.js';
import { selfCheckRoutes } from './selfCheck.js';
import { taskRoutes } from './tasks.js';

/** Every route module of the API. The authorization matrix test walks the routes registered here. */
export const registerRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  healthRoutes(app, deps);
  authRoutes(app, deps);
  patientRoutes(app, deps);
  admissionRoutes(app, deps);
  breakGlassRoutes(app, deps);
  disclosureRoutes(app, deps);
  alertRoutes(app, deps);
  taskRoutes(app, deps);
  programRoutes(app, deps);
  intakeRoutes(app, deps);
  measureRoutes(app, deps);
  placementRoutes(app, deps);
  adminRoutes(app, deps);
  selfCheckRoutes(app, deps);
  scheduleRoutes(app, deps);
  attendanceRoutes(app, deps);
};
