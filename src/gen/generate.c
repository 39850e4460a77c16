/* The synthetic graph generator (see include/azkb/generate.h).
 *
 * Everything is drawn from one GRand in a fixed order, so a seed and a size
 * give the same store everywhere.  Names are built in stack buffers and
 * handed to the store, which interns them: no allocation per statement. */
#include "gen-private.h"

#include <math.h>
#include <string.h>

#define FIRST_YEAR 1946
#define LAST_YEAR 2024

typedef enum {
  C_AGENT,
  C_ORGANIZATION,
  C_INTL_ORG,
  C_BODY,
  C_COMMITTEE,
  C_PERSON,
  C_COUNTRY,
  C_PLACE,
  C_CITY,
  C_DOCUMENT,
  C_RESOLUTION,
  C_EVENT,
  C_MEETING,
  N_CLASSES
} Cls;

typedef struct {
  const char *name;
  int         parent;  ///< a Cls, or -1
  int         parent2; ///< a second parent, or -1
  const char *slug;    ///< slug prefix of its instances (concrete classes)
  guint       share;   ///< instances per 1000 entities
} ClassSpec;

static const ClassSpec class_specs[N_CLASSES] = {
  [C_AGENT]        = { "Agent", -1, -1, NULL, 0 },
  [C_ORGANIZATION] = { "Organization", C_AGENT, -1, "Org", 50 },
  [C_INTL_ORG]     = { "InternationalOrganization",
                       C_ORGANIZATION,
                       -1,
                       "IntlOrg",
                       30 },
  [C_BODY]         = { "Body", C_ORGANIZATION, -1, "Body", 100 },
  [C_COMMITTEE]    = { "Committee", C_BODY, -1, "Committee", 70 },
  [C_PERSON]       = { "Person", C_AGENT, -1, "Person", 250 },
  [C_COUNTRY]      = { "Country", C_AGENT, C_PLACE, "Country", 20 },
  [C_PLACE]        = { "Place", -1, -1, NULL, 0 },
  [C_CITY]         = { "City", C_PLACE, -1, "City", 80 },
  [C_DOCUMENT]     = { "Document", -1, -1, NULL, 0 },
  [C_RESOLUTION]   = { "Resolution", C_DOCUMENT, -1, "Resolution", 250 },
  [C_EVENT]        = { "Event", -1, -1, NULL, 0 },
  [C_MEETING]      = { "Meeting", C_EVENT, -1, "Meeting", 150 },
};

/* Pools of entities that relations draw their ends from. */
typedef enum {
  P_UNITS,     ///< Organization, InternationalOrganization, Body, Committee
  P_ORGS,      ///< Organization, InternationalOrganization
  P_BODIES,    ///< Body, Committee
  P_MEMBERS,   ///< Country, Person
  P_PERSONS,   ///< Person
  P_COUNTRIES, ///< Country
  P_CITIES,    ///< City
  P_RESOLUTIONS,
  P_MEETINGS,
  N_POOLS
} Pool;

typedef enum {
  R_PART_OF,
  R_LOCATED_IN,
  R_MEMBER_OF,
  R_ELECTED_TO,
  R_LED_BY,
  R_SPONSORED,
  R_PARTICIPATED_IN,
  R_COOPERATES_WITH,
  N_RELATIONS
} Rel;

typedef struct {
  const char *name;
  Pool        domain;
  Pool        range;
  Cls         domain_class; ///< declared signature
  Cls         range_class;
  TimeShape   time;
  guint       weight; ///< share of the statements drawn at random
} RelSpec;

static const RelSpec rel_specs[N_RELATIONS] = {
  [R_PART_OF]         = { "partOf",
                          P_UNITS,
                          P_UNITS,
                          C_ORGANIZATION,
                          C_ORGANIZATION,
                          T_INTERVAL,
                          0 },
  [R_LOCATED_IN]      = { "locatedIn",
                          P_ORGS,
                          P_CITIES,
                          C_AGENT,
                          C_PLACE,
                          T_INTERVAL,
                          0 },
  [R_MEMBER_OF]       = { "memberOf",
                          P_MEMBERS,
                          P_UNITS,
                          C_AGENT,
                          C_ORGANIZATION,
                          T_INTERVAL,
                          30 },
  [R_ELECTED_TO]      = { "electedTo",
                          P_COUNTRIES,
                          P_BODIES,
                          C_COUNTRY,
                          C_BODY,
                          T_TERM,
                          15 },
  [R_LED_BY]          = { "ledBy",
                          P_UNITS,
                          P_PERSONS,
                          C_ORGANIZATION,
                          C_PERSON,
                          T_TERM,
                          10 },
  [R_SPONSORED]       = { "sponsored",
                          P_COUNTRIES,
                          P_RESOLUTIONS,
                          C_COUNTRY,
                          C_RESOLUTION,
                          T_POINT,
                          15 },
  [R_PARTICIPATED_IN] = { "participatedIn",
                          P_MEMBERS,
                          P_MEETINGS,
                          C_AGENT,
                          C_MEETING,
                          T_POINT,
                          20 },
  [R_COOPERATES_WITH] = { "cooperatesWith",
                          P_ORGS,
                          P_ORGS,
                          C_ORGANIZATION,
                          C_ORGANIZATION,
                          T_INTERVAL,
                          10 },
};

typedef struct {
  AzkbStore *store;
  GRand     *rand;
  AzkbTermId classes[N_CLASSES];
  AzkbTermId relations[N_RELATIONS];
  GArray    *pools[N_POOLS]; ///< AzkbTermId
  GArray    *sources;        ///< AzkbTermId
} Gen;

/* An index in [0, n) with P(k) roughly proportional to 1/(k+1): a few low
 * indexes are drawn very often, as hubs are in real graphs. */
guint
gen_zipf_index(GRand *rand, guint n)
{
  double u = g_rand_double(rand);
  guint  k = (guint)floor(pow((double)n + 1.0, u)) - 1;

  return MIN(k, n - 1);
}

guint
gen_uniform_index(GRand *rand, guint n)
{
  return (guint)g_rand_int_range(rand, 0, (gint32)n);
}

static AzkbDate
random_date(GRand *rand, gint32 first_year, gint32 last_year)
{
  AzkbDate date = { 0 };
  guint    p    = gen_uniform_index(rand, 100);

  date.year = g_rand_int_range(rand, first_year, last_year + 1);
  if (p < 60)
    date.precision = AZKB_PRECISION_YEAR;
  else {
    date.month     = (guint8)g_rand_int_range(rand, 1, 13);
    date.precision = AZKB_PRECISION_MONTH;
    if (p >= 85) {
      /* Days up to 28 are valid in every month. */
      date.day       = (guint8)g_rand_int_range(rand, 1, 29);
      date.precision = AZKB_PRECISION_DAY;
    }
  }
  return date;
}

AzkbInterval
gen_random_time(GRand *rand, TimeShape shape)
{
  AzkbInterval time = { 0 };
  guint        p;

  time.start       = random_date(rand, FIRST_YEAR, LAST_YEAR);
  time.start_bound = AZKB_BOUND_DATE;
  switch (shape) {
    case T_POINT:
      time.end       = time.start;
      time.end_bound = AZKB_BOUND_DATE;
      time.is_point  = TRUE;
      return time;
    case T_TERM:
      p = 0;
      break;
    case T_INTERVAL:
    default:
      p = gen_uniform_index(rand, 100);
      break;
  }
  /* Ends fall in a later year than the start, so they never precede it
   * whatever the two precisions are. */
  if (p < 45 && time.start.year < LAST_YEAR) {
    gint32 last = MIN(LAST_YEAR, time.start.year + 8);

    time.end       = random_date(rand, time.start.year + 1, last);
    time.end_bound = AZKB_BOUND_DATE;
  } else if (p < 80 || shape == T_TERM)
    time.end_bound = AZKB_BOUND_OPEN;
  else
    time.end_bound = AZKB_BOUND_UNKNOWN;
  return time;
}

static void
add_ontology(Gen *gen)
{
  for (int c = 0; c < N_CLASSES; c++) {
    gen->classes[c] = azkb_store_intern(gen->store, class_specs[c].name);
    azkb_store_mark(gen->store, gen->classes[c], AZKB_TERM_CLASS);
  }
  for (int c = 0; c < N_CLASSES; c++) {
    if (class_specs[c].parent >= 0)
      azkb_store_add_subclass(
        gen->store, gen->classes[c], gen->classes[class_specs[c].parent]);
    if (class_specs[c].parent2 >= 0)
      azkb_store_add_subclass(
        gen->store, gen->classes[c], gen->classes[class_specs[c].parent2]);
  }
  for (int r = 0; r < N_RELATIONS; r++) {
    const RelSpec *spec = &rel_specs[r];

    gen->relations[r] = azkb_store_intern(gen->store, spec->name);
    azkb_store_mark(gen->store, gen->relations[r], AZKB_TERM_RELATION);
    azkb_store_set_signature(gen->store,
                             gen->relations[r],
                             gen->classes[spec->domain_class],
                             gen->classes[spec->range_class]);
  }
}

static Cls
random_class(GRand *rand)
{
  guint p = gen_uniform_index(rand, 1000);

  for (int c = 0; c < N_CLASSES; c++) {
    if (p < class_specs[c].share)
      return (Cls)c;
    p -= class_specs[c].share;
  }
  g_assert_not_reached();
}

static void
pool_add(Gen *gen, Pool pool, AzkbTermId entity)
{
  g_array_append_val(gen->pools[pool], entity);
}

static void
pools_add(Gen *gen, Cls cls, AzkbTermId entity)
{
  switch (cls) {
    case C_ORGANIZATION:
    case C_INTL_ORG:
      pool_add(gen, P_UNITS, entity);
      pool_add(gen, P_ORGS, entity);
      break;
    case C_BODY:
    case C_COMMITTEE:
      pool_add(gen, P_UNITS, entity);
      pool_add(gen, P_BODIES, entity);
      break;
    case C_PERSON:
      pool_add(gen, P_PERSONS, entity);
      pool_add(gen, P_MEMBERS, entity);
      break;
    case C_COUNTRY:
      pool_add(gen, P_COUNTRIES, entity);
      pool_add(gen, P_MEMBERS, entity);
      break;
    case C_CITY:
      pool_add(gen, P_CITIES, entity);
      break;
    case C_RESOLUTION:
      pool_add(gen, P_RESOLUTIONS, entity);
      break;
    case C_MEETING:
      pool_add(gen, P_MEETINGS, entity);
      break;
    case C_AGENT:
    case C_PLACE:
    case C_DOCUMENT:
    case C_EVENT:
    case N_CLASSES:
    default:
      g_assert_not_reached();
  }
}

/* An abbreviation in capitals, unique per number: the class's initial and
 * the number written in base 26 ("BXQ"). */
static void
abbreviation(char *buf, gsize size, const char *slug, guint number)
{
  char  digits[16];
  gsize n = 0;

  do {
    digits[n++] = (char)('A' + number % 26);
    number /= 26;
  } while (number > 0 && n < sizeof digits);
  g_assert(size > n + 1);
  buf[0] = slug[0];
  for (gsize i = 0; i < n; i++)
    buf[1 + i] = digits[n - 1 - i];
  buf[n + 1] = '\0';
}

static void
add_entities(Gen *gen, guint n_entities)
{
  for (guint i = 1; i <= n_entities; i++) {
    Cls              cls  = random_class(gen->rand);
    const ClassSpec *spec = &class_specs[cls];
    char             slug[64];
    char             label[80];
    AzkbTermId       entity;

    g_snprintf(slug, sizeof slug, "%s%u", spec->slug, i);
    g_snprintf(label, sizeof label, "%s %u", spec->name, i);
    entity = azkb_store_add_entity(gen->store, slug);
    azkb_store_add_class(gen->store, entity, gen->classes[cls]);
    azkb_store_add_label(gen->store, entity, label, "en", AZKB_LABEL_PREFERRED);
    if ((cls == C_INTL_ORG || cls == C_BODY || cls == C_COMMITTEE) &&
        gen_uniform_index(gen->rand, 4) == 0) {
      char abbr[32];

      abbreviation(abbr, sizeof abbr, spec->slug, i);
      azkb_store_add_label(
        gen->store, entity, abbr, NULL, AZKB_LABEL_ALTERNATIVE);
    }
    pools_add(gen, cls, entity);
  }
}

static void
add_sources(Gen *gen, guint n_entities)
{
  guint n = MAX(27u, n_entities / 20);

  for (guint i = 1; i <= n; i++) {
    char       slug[32];
    AzkbTermId source;

    g_snprintf(slug, sizeof slug, "P%u", i);
    source = azkb_store_intern(gen->store, slug);
    azkb_store_mark(gen->store, source, AZKB_TERM_SOURCE);
    g_array_append_val(gen->sources, source);
  }
}

static void
add_relation(Gen *gen, Rel rel, AzkbTermId subject, AzkbTermId object)
{
  AzkbInterval time = gen_random_time(gen->rand, rel_specs[rel].time);
  AzkbStmtId   stmt;
  guint        k;

  stmt = azkb_store_add_statement(
    gen->store, subject, gen->relations[rel], object, &time);
  k = gen_zipf_index(gen->rand, gen->sources->len);
  azkb_store_add_source(
    gen->store, stmt, g_array_index(gen->sources, AzkbTermId, k));
}

static AzkbTermId
pool_get(Gen *gen, Pool pool, guint index)
{
  return g_array_index(gen->pools[pool], AzkbTermId, index);
}

/* Every unit but the first few is part of an earlier one, drawn from the
 * last three quarters of those before it: the chain from a unit to its root
 * shrinks its index by a factor of about 1.7 a step, so depth grows with the
 * logarithm of the size (about 25 levels at 1M entities). */
static guint
add_part_of(Gen *gen)
{
  GArray *units = gen->pools[P_UNITS];
  guint   added = 0;

  for (guint i = 3; i < units->len; i++) {
    guint lo     = i / 4;
    guint parent = lo + gen_uniform_index(gen->rand, i - lo);

    add_relation(gen,
                 R_PART_OF,
                 pool_get(gen, P_UNITS, i),
                 pool_get(gen, P_UNITS, parent));
    added++;
  }
  return added;
}

/* Every organization has a seat in a city. */
static guint
add_located_in(Gen *gen)
{
  GArray *orgs   = gen->pools[P_ORGS];
  guint   cities = gen->pools[P_CITIES]->len;

  if (cities == 0)
    return 0;
  for (guint i = 0; i < orgs->len; i++)
    add_relation(gen,
                 R_LOCATED_IN,
                 pool_get(gen, P_ORGS, i),
                 pool_get(gen, P_CITIES, gen_zipf_index(gen->rand, cities)));
  return orgs->len;
}

static Rel
random_relation(GRand *rand)
{
  guint total = 0;
  guint p;

  for (int r = 0; r < N_RELATIONS; r++)
    total += rel_specs[r].weight;
  p = gen_uniform_index(rand, total);
  for (int r = 0; r < N_RELATIONS; r++) {
    if (p < rel_specs[r].weight)
      return (Rel)r;
    p -= rel_specs[r].weight;
  }
  g_assert_not_reached();
}

static void
add_random_relations(Gen *gen, guint64 n)
{
  for (guint64 i = 0; i < n; i++) {
    Rel            rel  = random_relation(gen->rand);
    const RelSpec *spec = &rel_specs[rel];
    guint          nd   = gen->pools[spec->domain]->len;
    guint          nr   = gen->pools[spec->range]->len;
    AzkbTermId     subject, object;

    /* Tiny graphs may lack a class; the draw is simply skipped. */
    if (nd == 0 || nr == 0)
      continue;
    subject = pool_get(gen, spec->domain, gen_uniform_index(gen->rand, nd));
    object  = pool_get(gen, spec->range, gen_zipf_index(gen->rand, nr));
    if (subject == object)
      continue;
    add_relation(gen, rel, subject, object);
  }
}

gboolean
azkb_generate(AzkbStore                 *store,
              const AzkbGenerateOptions *options,
              GError                   **error)
{
  Gen     gen = { 0 };
  guint   per_100;
  guint64 wanted, structural;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(options != NULL, FALSE);

  per_100 = options->stmts_per_100 == 0 ? 500 : options->stmts_per_100;
  /* Terms: entities, sources, literals (labels) — keep well below 2^32. */
  if (options->n_entities == 0 || options->n_entities > 100000000u ||
      per_100 > 10000) {
    g_set_error(error,
                AZKB_STORE_ERROR,
                AZKB_STORE_ERROR_INVALID,
                "cannot generate %u entities with %u statements per 100 "
                "(entities: 1..100000000, statements per 100: 1..10000)",
                options->n_entities,
                per_100);
    return FALSE;
  }

  if (options->shape != AZKB_GENERATE_UN) {
    gen_shape(store, options);
    return TRUE;
  }
  gen.store = store;
  gen.rand  = g_rand_new_with_seed(options->seed);
  for (int p = 0; p < N_POOLS; p++)
    gen.pools[p] = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  gen.sources = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));

  add_ontology(&gen);
  add_sources(&gen, options->n_entities);
  add_entities(&gen, options->n_entities);
  structural = add_part_of(&gen);
  structural += add_located_in(&gen);
  wanted = (guint64)options->n_entities * per_100 / 100;
  if (wanted > structural)
    add_random_relations(&gen, wanted - structural);

  for (int p = 0; p < N_POOLS; p++)
    g_array_unref(gen.pools[p]);
  g_array_unref(gen.sources);
  g_rand_free(gen.rand);
  return TRUE;
}

gboolean
azkb_generate_shape_from_name(const char *name, AzkbGenerateShape *out_shape)
{
  static const char *const names[] = { "un", "hubs", "deep", "ring" };

  for (guint i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_ascii_strcasecmp(name, names[i]) == 0) {
      *out_shape = (AzkbGenerateShape)i;
      return TRUE;
    }
  return FALSE;
}
