/**
 * Demo data for the foundation: a fictional council, four localities, a demo account for every
 * role, and two outcome frameworks modelled on structures councils publish. Idempotent:
 * everything is keyed by a natural key (slug, email) and only inserted when missing.
 */
import type { Database } from "../client";
import type { OutcomeNodeKind, RoleName, ScopeKind } from "../schema";

export const DEMO_PASSWORD = "moot-demo-password";

export const COUNCIL = {
  name: "Fenwold District Council",
  service_name: "Moot",
  contact_email: "engagement@fenwold.example",
};

export const LOCALITIES = [
  { slug: "northgate", name: "Northgate", description: "The market town and the villages north of the river." },
  { slug: "riverside", name: "Riverside", description: "The old docks, the new housing estates and the riverside park." },
  { slug: "eastmere", name: "Eastmere", description: "Eastmere and the coastal wards." },
  { slug: "hollin-valley", name: "Hollin Valley", description: "The rural valley parishes and the upland farms." },
];

interface DemoAccount {
  email: string;
  displayName: string;
  locality: string;
  roles: { role: RoleName; scope: ScopeKind; locality?: string }[];
  /** What a newcomer would use this account to try. */
  purpose: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "resident@moot.example", displayName: "Rosa Martin", locality: "riverside", roles: [], purpose: "a resident: respond, comment and vote" },
  { email: "group@moot.example", displayName: "Gareth Lewis", locality: "eastmere", roles: [{ role: "community_group_rep", scope: "council" }], purpose: "a community group representative: Right to Challenge" },
  { email: "member@moot.example", displayName: "Mei Chen", locality: "northgate", roles: [{ role: "board_member", scope: "locality", locality: "northgate" }], purpose: "a board member of the Northgate board" },
  { email: "chair@moot.example", displayName: "Cllr Helen Okafor", locality: "northgate", roles: [{ role: "chair", scope: "locality", locality: "northgate" }, { role: "board_member", scope: "locality", locality: "northgate" }], purpose: "the chair of the Northgate board" },
  { email: "officer@moot.example", displayName: "Omar Haddad", locality: "northgate", roles: [{ role: "officer", scope: "council" }], purpose: "an officer (clerk and commissioner)" },
  { email: "analyst@moot.example", displayName: "Anna Kowalska", locality: "riverside", roles: [{ role: "analyst", scope: "council" }], purpose: "an analyst who may see equality monitoring in aggregate" },
  { email: "moderator@moot.example", displayName: "Marcus Reid", locality: "hollin-valley", roles: [{ role: "moderator", scope: "council" }], purpose: "a moderator of comment feeds" },
  { email: "admin@moot.example", displayName: "Priya Shah", locality: "eastmere", roles: [{ role: "admin", scope: "council" }], purpose: "an administrator: roles, localities, outcome frameworks" },
];

interface SeedNode {
  title: string;
  description?: string;
  children?: SeedNode[];
}

interface SeedFramework {
  slug: string;
  name: string;
  description: string;
  source: string;
  outcomes: SeedNode[];
}

export const FRAMEWORKS: SeedFramework[] = [
  {
    slug: "council-plan",
    name: "Council plan outcomes",
    description: "Five outcomes residents told us matter most, each with the priorities and measures we report on.",
    source: "Modelled on the 'Your money, Your health, Your life, Your environment, Your council' structure English councils publish in their council plans.",
    outcomes: [
      { title: "Your money", description: "Residents are financially secure and share in a growing local economy.", children: [
        { title: "More people in good, secure work", children: [{ title: "Employment rate, people aged 16 to 64" }, { title: "Median weekly pay of residents" }] },
        { title: "Help with the cost of living", children: [{ title: "Households in fuel poverty" }] },
      ] },
      { title: "Your health", description: "Residents live longer, healthier lives and health inequalities narrow.", children: [
        { title: "Healthy lives for longer", children: [{ title: "Healthy life expectancy at birth" }] },
        { title: "Good mental wellbeing", children: [{ title: "Adults reporting high anxiety" }] },
      ] },
      { title: "Your life", description: "Safe, strong and connected communities where children get the best start.", children: [
        { title: "Safe and connected communities", children: [{ title: "Residents who feel safe outside after dark" }] },
        { title: "Children get the best start", children: [{ title: "Children with a good level of development at age 5" }] },
      ] },
      { title: "Your environment", description: "A clean, green district on the way to net zero.", children: [
        { title: "Net zero carbon by 2038", children: [{ title: "Carbon dioxide emissions per resident" }] },
        { title: "Clean streets and less waste", children: [{ title: "Household waste sent for reuse, recycling or composting" }] },
      ] },
      { title: "Your council", description: "A council that listens, is open and gives value for money.", children: [
        { title: "Listening to residents", children: [{ title: "Residents satisfied with the way the council runs things" }] },
        { title: "Value for money", children: [{ title: "Council tax collected in year" }] },
      ] },
    ],
  },
  {
    slug: "life-course",
    name: "Life-course outcomes",
    description: "Outcomes for every stage of life, from the start of life to later life, and for the council itself.",
    source: "Modelled on the life-course outcome frameworks county councils publish (start of life, economy and independence, later life, a well-run council).",
    outcomes: [
      { title: "Start of life", description: "Every child has the best start in life.", children: [
        { title: "Healthy pregnancies and early years", children: [{ title: "Babies born at a healthy weight" }] },
        { title: "Ready for school", children: [{ title: "Children ready for school at the end of reception" }] },
      ] },
      { title: "Economy and independence", description: "People of working age are independent, in work and well housed.", children: [
        { title: "Good jobs and skills", children: [{ title: "Adults qualified to level 3 or above" }] },
        { title: "Independent living", children: [{ title: "Adults with a learning disability in settled accommodation" }] },
      ] },
      { title: "Later life", description: "Older people live well and independently for longer.", children: [
        { title: "Ageing well at home", children: [{ title: "Older people still at home 91 days after leaving hospital" }] },
        { title: "Less loneliness and isolation", children: [{ title: "Adult social care users who have as much social contact as they would like" }] },
      ] },
      { title: "A well-run council", description: "The council is financially sustainable, open and trusted.", children: [
        { title: "Financially sustainable", children: [{ title: "Spending within budget" }] },
        { title: "Residents involved in decisions", children: [{ title: "Residents who feel they can influence decisions in their area" }] },
      ] },
    ],
  },
];

const KINDS: OutcomeNodeKind[] = ["outcome", "priority", "measure"];

async function insertNodes(db: Database, frameworkId: number, parentId: number | null, depth: number, nodes: SeedNode[]) {
  for (const [position, node] of nodes.entries()) {
    const row = await db
      .insertInto("outcome_nodes")
      .values({
        framework_id: frameworkId,
        parent_id: parentId,
        kind: KINDS[Math.min(depth, 2)]!,
        title: node.title,
        description: node.description ?? "",
        position,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (node.children) await insertNodes(db, frameworkId, row.id, depth + 1, node.children);
  }
}

export async function seedFoundation(db: Database, options: { passwordHash: string }): Promise<void> {
  await db.insertInto("council").values({ id: 1, ...COUNCIL }).onConflict((oc) => oc.column("id").doNothing()).execute();

  await db.insertInto("localities").values(LOCALITIES).onConflict((oc) => oc.column("slug").doNothing()).execute();
  const localities = new Map(
    (await db.selectFrom("localities").select(["id", "slug"]).execute()).map((l) => [l.slug, l.id]),
  );

  for (const account of DEMO_ACCOUNTS) {
    await db
      .insertInto("users")
      .values({
        email: account.email,
        display_name: account.displayName,
        password_hash: options.passwordHash,
        home_locality_id: localities.get(account.locality) ?? null,
      })
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
    const user = await db.selectFrom("users").select("id").where("email", "=", account.email).executeTakeFirstOrThrow();
    for (const grant of account.roles) {
      await db
        .insertInto("role_grants")
        .values({
          user_id: user.id,
          role: grant.role,
          scope: grant.scope,
          locality_id: grant.locality ? localities.get(grant.locality)! : null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  for (const framework of FRAMEWORKS) {
    const existing = await db.selectFrom("outcome_frameworks").select("id").where("slug", "=", framework.slug).executeTakeFirst();
    if (existing) continue;
    const row = await db
      .insertInto("outcome_frameworks")
      .values({ slug: framework.slug, name: framework.name, description: framework.description, source: framework.source })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertNodes(db, row.id, null, 0, framework.outcomes);
  }
}
