import type { PlanTemplateContent } from '../api/plans.js';
import type { Dimension } from '../placement/ruleTable.js';

export interface DefaultPlanTemplate {
  key: string;
  name: string;
  dimension: Dimension;
  content: PlanTemplateContent;
}

/**
 * The library a new clinic starts with: one problem per placement dimension, written to be edited.
 * Goals carry a question rather than words, because a goal is the patient's own (SPEC §8).
 */
export const DEFAULT_PLAN_TEMPLATES: readonly DefaultPlanTemplate[] = [
  {
    key: 'd1-withdrawal',
    name: 'Withdrawal and early abstinence',
    dimension: 'd1',
    content: {
      problem: 'Risk of withdrawal symptoms and of using to relieve them in early recovery.',
      goals: [
        {
          prompt: 'What would help you feel physically safe while you stop using?',
          objectives: [
            {
              statement:
                'Reports withdrawal symptoms at every visit and follows the medical plan for them, for 2 weeks.',
              targetDays: 14,
              interventions: [
                {
                  description: 'Withdrawal symptom monitoring and medication review',
                  modality: 'medication',
                  frequency: 'Weekly',
                },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    key: 'd2-health',
    name: 'Physical health needs',
    dimension: 'd2',
    content: {
      problem: 'Physical health conditions that affect recovery and need coordinated care.',
      goals: [
        {
          prompt: 'What about your health do you want to take care of while you are in the program?',
          objectives: [
            {
              statement:
                'Attends a primary care visit and shares the plan of care with the team within 30 days.',
              targetDays: 30,
              interventions: [
                {
                  description: 'Referral and coordination with primary care',
                  modality: 'case-management',
                  frequency: 'Every 2 weeks',
                },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    key: 'd3-mood',
    name: 'Mood, anxiety or trauma symptoms',
    dimension: 'd3',
    content: {
      problem: 'Emotional or behavioural symptoms (mood, anxiety, trauma) that raise the risk of use.',
      goals: [
        {
          prompt: 'How do you want to feel, or handle hard feelings, a month from now?',
          objectives: [
            {
              statement:
                'Uses two coping skills learned in group when distressed, noted in weekly check-ins, for 4 weeks.',
              targetDays: 30,
              interventions: [
                {
                  description: 'Individual therapy (CBT or DBT skills)',
                  modality: 'individual',
                  frequency: 'Weekly',
                },
                { description: 'Coping skills group', modality: 'group', frequency: '2 times a week' },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    key: 'd4-readiness',
    name: 'Readiness to change',
    dimension: 'd4',
    content: {
      problem: 'Ambivalence about change; attends because of outside pressure more than own reasons.',
      goals: [
        {
          prompt: 'What would be different in your life if things went the way you want?',
          objectives: [
            {
              statement:
                'Names three personal reasons for change and one step taken towards them within 21 days.',
              targetDays: 21,
              interventions: [
                { description: 'Motivational interviewing', modality: 'individual', frequency: 'Weekly' },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    key: 'd5-relapse',
    name: 'Relapse and continued use',
    dimension: 'd5',
    content: {
      problem:
        'Continued use or high relapse potential: cravings, triggers and few skills to cope with them.',
      goals: [
        {
          prompt: 'What do you want your use of alcohol or drugs to look like, and why?',
          objectives: [
            {
              statement:
                'Writes a relapse prevention plan naming 5 triggers and a coping response for each within 14 days.',
              targetDays: 14,
              interventions: [
                { description: 'Relapse prevention group', modality: 'group', frequency: '3 times a week' },
              ],
            },
            {
              statement: 'Negative drug screens for 30 consecutive days.',
              targetDays: 30,
              interventions: [
                {
                  description: 'Individual counseling reviewing screens and cravings',
                  modality: 'individual',
                  frequency: 'Weekly',
                },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    key: 'd6-environment',
    name: 'Recovery environment and supports',
    dimension: 'd6',
    content: {
      problem: 'Living situation or relationships that do not support recovery; few sober supports.',
      goals: [
        {
          prompt: 'Who or what in your life helps you stay well, and what do you want more of?',
          objectives: [
            {
              statement: 'Attends 2 mutual-help meetings a week and names 2 sober supports within 30 days.',
              targetDays: 30,
              interventions: [
                {
                  description: 'Family session on supporting recovery at home',
                  modality: 'family',
                  frequency: 'Every 2 weeks',
                },
                {
                  description: 'Case management for housing and community supports',
                  modality: 'case-management',
                  frequency: 'Every 2 weeks',
                },
              ],
            },
          ],
        },
      ],
    },
  },
];
