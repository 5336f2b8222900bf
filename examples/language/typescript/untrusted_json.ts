/**
 * Untrusted JSON at the edge: a cast that compiles and fails later, against a
 * guard that names the wrong field.
 */
import { parseUser, type User } from "./parse_user.js";

// --8<-- [start:cast]
const bad = '{"id":7,"email":"ada","age":"41","roles":["editor","admin"]}';

// `as` is a promise to the compiler that nobody checks. This compiles.
const cast = JSON.parse(bad) as User;

const nextAge = (cast.age ?? 0) + 1; // typed number; "41" + 1 is the string "411"
console.log(nextAge, typeof nextAge);
//> 411 string

try {
  console.log(`user:${cast.id.padStart(20, "0")}`); // a cache key, far from the parse
} catch (error) {
  console.log(String(error));
  //> TypeError: cast.id.padStart is not a function
}
// --8<-- [end:cast]

// --8<-- [start:edge]
const rejected = parseUser(JSON.parse(bad));
if (!rejected.ok) {
  for (const issue of rejected.error) {
    console.log(`${issue.path}: ${issue.message}`);
    //> id: expected a string of digits, got number 7
    //> email: expected an email address, got string "ada"
    //> roles[1]: expected one of viewer, editor, owner, got string "admin"
    //> age: expected an integer from 0 to 150, got string "41"
  }
}

const good = `{"id": "9007199254740993", "email": "ada@example.com",
               "roles": ["owner"], "isAdmin": true}`;
console.log(parseUser(JSON.parse(good)));
//> {
//>   ok: true,
//>   value: {
//>     id: '9007199254740993',
//>     email: 'ada@example.com',
//>     roles: [ 'owner' ]
//>   }
//> }
// --8<-- [end:edge]
