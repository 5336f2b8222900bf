"""The schema in SDL, printed from the code-first definition so the two never drift."""

from graphql import print_schema

from examples.apis.graphql.schema import SCHEMA

# A compact listing: descriptions and blank lines left out.
sdl = print_schema(SCHEMA)
print("\n".join(ln for ln in sdl.splitlines() if ln.strip() and '"""' not in ln))
"""
type Query {
  user(id: ID!): User
  users(first: Int! = 10): [User!]!
}
type User {
  id: ID!
  name: String!
  orders: [Order!]!
}
type Order {
  id: ID!
  total: Money!
  totalCents: Int!
  status: OrderStatus!
}
scalar Money
enum OrderStatus {
  PAID
  REFUNDED
}
"""
