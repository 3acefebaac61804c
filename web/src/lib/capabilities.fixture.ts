// For the tests: the capabilities the server gives each role.
/**
 * What the server answers in GET /api/v1/me `capabilities` for one role (its rules, as
 * the API test "GET /api/v1/me lists what the user may do" pins them); a user with
 * several roles gets the union, as every rule is "one of these roles".
 */
const STORY_LISTS = [
  'edit_list:story_archetype',
  'edit_list:story_prompt',
  'edit_list:story_topic',
  'edit_list:story_valuation',
];
export const SERVER_SAYS: Record<string, string[]> = {
  coach: ['edit_cases', 'read_cases', 'read_knowledge', 'read_sessions', 'read_stories', 'share_stories'],
  team_manager: [
    'list_users',
    'read_cases',
    'read_knowledge',
    'read_sessions',
    'read_stories',
    'see_story_stats',
    'share_stories',
  ],
  quality: [
    ...STORY_LISTS,
    'export_stories',
    'moderate_stories',
    'read_cases',
    'read_knowledge',
    'read_report',
    'read_sessions',
    'read_stories',
    'review_knowledge',
    'run_sessions',
    'see_module_views',
    'see_story_stats',
    'share_stories',
    'write_knowledge',
    'write_report',
  ],
  coordinator: ['edit_cases', 'read_cases', 'read_knowledge', 'read_sessions', 'read_stories', 'share_stories'],
  hr: ['list_users', 'read_knowledge'],
  director: [
    'export_stories',
    'list_users',
    'read_cases',
    'read_knowledge',
    'read_report',
    'read_sessions',
    'read_stories',
    'see_module_views',
    'see_story_stats',
    'share_stories',
    'write_report',
  ],
  funder: ['read_report'],
  admin: [
    'administer',
    'edit_list:cost_category',
    'edit_list:payer',
    ...STORY_LISTS,
    'list_users',
    'read_audit',
    'read_knowledge',
    'share_stories',
  ],
};
export const as = (...roles: string[]) => ({
  capabilities: [...new Set(roles.flatMap((r) => SERVER_SAYS[r.startsWith('coordinator:') ? 'coordinator' : r] ?? []))],
});
