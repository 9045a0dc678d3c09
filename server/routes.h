/*
 * routes.h — the route table of ordo serve, for tools and tests: prints
 * "METHOD PATH ROLE" per line (PATH with {id} placeholders, ROLE none,
 * agent, planner or admin), the same table the server dispatches on.
 */
#ifndef ORDO_SERVER_ROUTES_H
#define ORDO_SERVER_ROUTES_H

#include <stdio.h>

void ordo_server_routes_print(FILE *out);

#endif
