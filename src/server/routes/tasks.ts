import { Type } from '@sinclair/typebox';
import { CompleteTaskBody, CreateTaskBody, Task } from '../../core/api/alerts.js';
import { IdParams, Problem } from '../../core/api/common.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { completeTask, createTaskForActor, listMyTasks } from '../services/tasks.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };

const TaskListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const taskRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'My worklist: tasks I own, soonest due first (default: open)',
        querystring: TaskListQuery,
        response: { 200: Type.Array(Task), ...errors },
      },
    },
    (request) => listMyTasks(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task for myself or a colleague, optionally about a patient',
        body: CreateTaskBody,
        response: { 201: Task, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTaskForActor(deps, contextOf(request), request.body)),
  );

  app.post(
    '/api/v1/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Mark a task done (owner or their supervisor)',
        params: IdParams,
        body: CompleteTaskBody,
        response: { 200: Task, ...errors },
      },
    },
    (request) => completeTask(deps, contextOf(request), request.params.id, request.body),
  );
};
