"""Filler prose for generated records: our own word lists, combined at random but reproducibly.

Nothing here is taken from the seed documents: the sentences are built from short slot
templates and vocabularies written for the benchmark, so the text reads like an engineering
record (nouns, qualities, technologies) without meaning anything.
"""

from __future__ import annotations

import random

TECHNOLOGIES = (
    "PostgreSQL",
    "SQLite",
    "MariaDB",
    "CockroachDB",
    "Cassandra",
    "ScyllaDB",
    "DynamoDB",
    "MongoDB",
    "Redis",
    "Valkey",
    "Memcached",
    "Kafka",
    "Redpanda",
    "NATS",
    "RabbitMQ",
    "Pulsar",
    "gRPC",
    "GraphQL",
    "REST",
    "OpenSearch",
    "Meilisearch",
    "ClickHouse",
    "DuckDB",
    "TimescaleDB",
    "Envoy",
    "Nginx",
    "HAProxy",
    "Traefik",
    "Terraform",
    "Pulumi",
    "Ansible",
    "Kubernetes",
    "Nomad",
    "Vault",
    "Keycloak",
    "Temporal",
    "Airflow",
    "Dagster",
    "MinIO",
    "Protobuf",
    "Avro",
    "JSON Schema",
    "OpenTelemetry",
    "Prometheus",
    "Grafana",
    "Loki",
    "Jaeger",
    "Sentry",
    "Celery",
    "Dramatiq",
    "FastAPI",
    "Django",
    "Spring Boot",
    "Quarkus",
    "Go",
    "Rust",
    "Kotlin",
    "TypeScript",
    "React",
    "Svelte",
    "Vue",
    "htmx",
    "Playwright",
    "Bazel",
    "Gradle",
    "Nix",
    "Docker Compose",
    "Podman",
    "Argo CD",
    "Flux",
    "GitHub Actions",
    "Jenkins",
)
NOUNS = (
    "order service",
    "billing pipeline",
    "session store",
    "search index",
    "audit log",
    "event bus",
    "payment gateway",
    "tenant registry",
    "feature flags",
    "rate limiter",
    "job scheduler",
    "report builder",
    "notification fan-out",
    "identity provider",
    "config store",
    "metrics backend",
    "inventory ledger",
    "pricing engine",
    "upload service",
    "image resizer",
    "public API",
    "admin console",
    "mobile backend",
    "data warehouse",
    "ingest workers",
    "webhook relay",
    "document store",
    "catalogue service",
    "shipping tracker",
    "recommendation job",
    "fraud checks",
    "edge cache",
    "build farm",
    "release train",
    "schema registry",
    "secrets handling",
    "access policies",
    "read replicas",
    "backup rotation",
)
QUALITIES = (
    "latency",
    "throughput",
    "cost",
    "operability",
    "security",
    "portability",
    "maintainability",
    "observability",
    "availability",
    "durability",
    "consistency",
    "developer experience",
    "onboarding time",
    "recovery time",
    "vendor independence",
    "compliance",
    "test speed",
    "memory footprint",
    "licence risk",
)
VERBS = (
    "adopt",
    "replace",
    "split",
    "consolidate",
    "introduce",
    "retire",
    "standardise on",
    "migrate to",
    "version",
    "partition",
    "cache",
    "isolate",
    "automate",
    "encrypt",
    "shard",
    "deprecate",
)
TEAMS = (
    "the platform team",
    "the payments squad",
    "the data group",
    "the mobile team",
    "site reliability",
    "the security office",
    "the search team",
    "the growth team",
    "the core API team",
    "operations",
)
ADJECTIVES = (
    "brittle",
    "slow",
    "expensive",
    "noisy",
    "manual",
    "opaque",
    "fragile",
    "duplicated",
    "unbounded",
    "stale",
    "hand-rolled",
    "undocumented",
    "inconsistent",
    "overloaded",
)
AMOUNTS = (
    "twice a day",
    "every deploy",
    "at peak load",
    "each quarter",
    "during failover",
    "per tenant",
    "on every pull request",
    "at month end",
    "under load tests",
    "in the nightly batch",
)
PEOPLE = (
    "Ana Ortiz",
    "Bo Lindqvist",
    "Chen Wei",
    "Dara Okafor",
    "Eli Navarro",
    "Fatima Rahman",
    "Gus Pereira",
    "Hana Sato",
    "Ivo Petrov",
    "Jun Park",
    "Kemal Aydin",
    "Lena Vogel",
    "Mira Joshi",
    "Nils Berg",
    "Olu Adeyemi",
    "Pia Moretti",
    "Quinn Byrne",
    "Ravi Iyer",
    "Sofia Lund",
    "Tomas Novak",
)
ROLES = ("Tech Lead", "Staff Engineer", "Architect", "Product Owner", "SRE Lead", "Security Lead", "CTO")
TAGS = (
    "infrastructure",
    "data",
    "api",
    "security",
    "frontend",
    "observability",
    "ci",
    "storage",
    "messaging",
    "identity",
    "cost",
    "performance",
    "compliance",
    "mobile",
    "search",
    "tooling",
)

_SENTENCES = (
    "The {noun} is {adj} and {team} spends hours on it {amount}.",
    "{Team} measured {quality} of the {noun} and found it {adj} {amount}.",
    "We need better {quality} in the {noun} before the next release.",
    "Today the {noun} relies on {tech}, which makes {quality} hard to reason about.",
    "Moving the {noun} to {tech} would change how we think about {quality}.",
    "Nobody owns the {noun} end to end, so fixes stay {adj}.",
    "{Team} asked for a way to {verb} the {noun} without a freeze.",
    "Incidents in the {noun} trace back to {adj} handling of {quality} {amount}.",
    "The current setup was fine for ten customers but turns {adj} at our size.",
    "A spike showed {tech} keeps {quality} within budget for the {noun}.",
    "Costs grow with every tenant because the {noun} copies data {amount}.",
    "The audit found that {quality} of the {noun} is not measured at all.",
    "{tech} is already running elsewhere, so {team} knows how to operate it.",
    "Rewriting the {noun} is out of scope; we only change how it is deployed.",
    "Each option below was tried against a copy of production traffic {amount}.",
    "The trade-off is between {quality} and {quality2}, and we favour the first.",
)
_SHORT = (
    "{Verb} {tech} for the {noun}",
    "{Verb} the {noun} with {tech}",
    "Use {tech} for {quality} in the {noun}",
    "Keep the {noun} on {tech}",
    "{Verb} the {noun}",
    "Move the {noun} behind {tech}",
)
_POINTS = (
    "better {quality} for the {noun}",
    "less {adj} work {amount}",
    "{team} can own the {noun} alone",
    "one more system to run",
    "{quality} gets harder to test",
    "licence fees for {tech}",
    "a migration window {amount}",
    "clear ownership of the {noun}",
    "fewer pages {amount}",
    "training for {team}",
    "lock-in to {tech}",
    "simpler {quality} reviews",
)


class Filler:
    """Random but reproducible filler text, one instance per record."""

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)

    def pick(self, options: tuple[str, ...]) -> str:
        return self.rng.choice(options)

    def _fill(self, template: str) -> str:
        team = self.pick(TEAMS)
        values = {
            "noun": self.pick(NOUNS),
            "adj": self.pick(ADJECTIVES),
            "team": team,
            "Team": team[0].upper() + team[1:],
            "amount": self.pick(AMOUNTS),
            "tech": self.pick(TECHNOLOGIES),
            "quality": self.pick(QUALITIES),
            "quality2": self.pick(QUALITIES),
            "verb": self.pick(VERBS),
        }
        values["Verb"] = values["verb"][0].upper() + values["verb"][1:]
        return template.format(**values)

    def sentence(self) -> str:
        return self._fill(self.pick(_SENTENCES))

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        count = self.rng.randint(low, high) + (self.rng.random() < 0.6)  # real paragraphs run long
        return " ".join(self.sentence() for _ in range(count))

    def paragraphs(self, count: int, low: int = 2, high: int = 5) -> str:
        return "\n\n".join(self.paragraph(low, high) for _ in range(count))

    def title(self) -> str:
        return self._fill(self.pick(_SHORT))

    def point(self) -> str:
        text = self._fill(self.pick(_POINTS))
        return text[0].upper() + text[1:]

    def points(self, low: int = 2, high: int = 5) -> list[str]:
        return [self.point() for _ in range(self.rng.randint(low, high))]

    def people(self, low: int = 1, high: int = 3) -> list[str]:
        chosen = self.rng.sample(PEOPLE, self.rng.randint(low, high))
        return [f"{name} ({self.pick(ROLES)})" if self.rng.random() < 0.4 else name for name in chosen]

    def tags(self) -> list[str]:
        return self.rng.sample(TAGS, self.rng.randint(1, 3))

    def options(self, count: int) -> list[str]:
        return self.rng.sample(TECHNOLOGIES, count)
