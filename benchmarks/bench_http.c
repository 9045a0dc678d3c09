/*
 * bench_http.c — a load generator for ordo serve: C clients on keep-alive
 * connections to 127.0.0.1, each in its own thread.
 *
 *   bench_http find --port P --token T --clients 16 --requests N --query 'service=...&...'
 *       GET /v1/find-times?QUERY N times per client after one untimed warm-up
 *       request each (a connection's first read loads the store's snapshot;
 *       its time is printed apart); prints p50/p90/p99/max latency and
 *       requests/s.
 *   bench_http book --port P --token T --clients 16 --requests N --slots FILE
 *       POST /v1/bookings with a random line of FILE (one JSON body a line:
 *       colliding slots on purpose); prints 201s, 409s, other statuses,
 *       bookings/s, and writes the acknowledged booking ids (one a line) to
 *       FILE.acked for the checker.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port, clients = 16, requests = 100, book_mode;
static const char *token, *query;
static char **slots;
static int nslots;
static double *lat;
static int *status_of;
static char **acked;
static pthread_mutex_t acked_lock = PTHREAD_MUTEX_INITIALIZER;
static int nacked;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int connect_local(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        perror("connect");
        exit(1);
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/* Sends req, reads one response: status into *status, body into body (cap). */
static int exchange(int fd, const char *req, size_t len, int *status, char *body, size_t cap)
{
    static __thread char buf[1 << 16];
    size_t have = 0, need = 0, hdr = 0;
    if (write(fd, req, len) != (ssize_t)len)
        return -1;
    for (;;) {
        ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
        if (n <= 0)
            return -1;
        have += (size_t)n;
        buf[have] = '\0';
        if (!hdr) {
            char *end = strstr(buf, "\r\n\r\n");
            if (!end)
                continue;
            hdr = (size_t)(end - buf) + 4;
            char *cl = strcasestr(buf, "Content-Length:");
            need = hdr + (cl ? strtoul(cl + 15, NULL, 10) : 0);
            *status = atoi(buf + 9);
        }
        if (have >= need)
            break;
    }
    size_t blen = need - hdr < cap - 1 ? need - hdr : cap - 1;
    memcpy(body, buf + hdr, blen);
    body[blen] = '\0';
    return 0;
}

static double *warm;
static pthread_barrier_t start_line;

static void *client(void *arg)
{
    long k = (long)arg;
    int fd = connect_local();
    unsigned seed = (unsigned)k * 7919u + 1;
    char req[8192], body[8192];
    if (!book_mode) {                           /* warm-up: untimed in the figures */
        int len = snprintf(req, sizeof req,
                           "GET /v1/find-times?%s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n",
                           query, token), st = 0;
        double t0 = now_s();
        exchange(fd, req, (size_t)len, &st, body, sizeof body);
        warm[k] = now_s() - t0;
    }
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < requests; i++) {
        int len, st = 0;
        if (book_mode) {
            seed = seed * 1103515245u + 12345u;
            const char *b = slots[(seed >> 8) % (unsigned)nslots];
            len = snprintf(req, sizeof req,
                           "POST /v1/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                           "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                           token, strlen(b), b);
        } else {
            len = snprintf(req, sizeof req,
                           "GET /v1/find-times?%s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n",
                           query, token);
        }
        double t0 = now_s();
        if (exchange(fd, req, (size_t)len, &st, body, sizeof body) < 0) {
            close(fd);
            fd = connect_local();
            st = -1;
        }
        lat[k * requests + i] = now_s() - t0;
        status_of[k * requests + i] = st;
        if (book_mode && st == 201) {
            char *id = strstr(body, "\"id\":\"");
            if (id) {
                id += 6;
                char *q = strchr(id, '"');
                pthread_mutex_lock(&acked_lock);
                acked[nacked++] = strndup(id, q ? (size_t)(q - id) : 0);
                pthread_mutex_unlock(&acked_lock);
            }
        }
    }
    close(fd);
    return NULL;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    const char *slots_file = NULL;
    if (argc < 2)
        goto usage;
    book_mode = strcmp(argv[1], "book") == 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--port")) port = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--token")) token = argv[i + 1];
        else if (!strcmp(argv[i], "--clients")) clients = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--requests")) requests = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--query")) query = argv[i + 1];
        else if (!strcmp(argv[i], "--slots")) slots_file = argv[i + 1];
        else goto usage;
    }
    if (!port || !token || clients < 1 || requests < 1 || (book_mode ? !slots_file : !query))
        goto usage;
    if (book_mode) {
        FILE *f = fopen(slots_file, "r");
        char line[4096];
        if (!f) { perror(slots_file); return 1; }
        slots = calloc(100000, sizeof *slots);
        while (nslots < 100000 && fgets(line, sizeof line, f)) {
            line[strcspn(line, "\n")] = '\0';
            if (*line) slots[nslots++] = strdup(line);
        }
        fclose(f);
        if (!nslots) { fprintf(stderr, "no slots\n"); return 1; }
        acked = calloc((size_t)clients * requests, sizeof *acked);
    }
    lat = calloc((size_t)clients * requests, sizeof *lat);
    status_of = calloc((size_t)clients * requests, sizeof *status_of);
    pthread_t *t = calloc((size_t)clients, sizeof *t);
    warm = calloc((size_t)clients, sizeof *warm);
    pthread_barrier_init(&start_line, NULL, (unsigned)clients + 1);
    for (long k = 0; k < clients; k++)
        pthread_create(&t[k], NULL, client, (void *)k);
    pthread_barrier_wait(&start_line);
    double t0 = now_s();
    for (int k = 0; k < clients; k++)
        pthread_join(t[k], NULL);
    double wall = now_s() - t0;
    int n = clients * requests, ok = 0, c409 = 0, other = 0;
    for (int i = 0; i < n; i++) {
        if (status_of[i] == 200 || status_of[i] == 201) ok++;
        else if (status_of[i] == 409) c409++;
        else other++;
    }
    qsort(lat, (size_t)n, sizeof *lat, cmp_d);
    printf("%s: %d clients x %d requests in %.2f s = %.0f requests/s; latency p50 %.2f ms p90 %.2f ms p99 %.2f ms max %.2f ms\n",
           book_mode ? "book" : "find-times", clients, requests, wall, n / wall, lat[n / 2] * 1e3,
           lat[(int)(n * 0.9)] * 1e3, lat[(int)(n * 0.99)] * 1e3, lat[n - 1] * 1e3);
    if (book_mode) {
        char path[4096];
        snprintf(path, sizeof path, "%s.acked", slots_file);
        FILE *f = fopen(path, "w");
        for (int i = 0; f && i < nacked; i++)
            fprintf(f, "%s\n", acked[i]);
        if (f) fclose(f);
        printf("book: %d acknowledged (201) = %.1f bookings/s, %d conflicts (409), %d other\n", ok, ok / wall, c409,
               other);
    } else {
        double wmax = 0;
        for (int k = 0; k < clients; k++)
            wmax = warm[k] > wmax ? warm[k] : wmax;
        printf("find-times: %d ok, %d other; warm-up (first request of each connection) max %.0f ms\n", ok,
               other + c409, wmax * 1e3);
    }
    return other ? 1 : 0;
usage:
    fprintf(stderr, "usage: bench_http find|book --port P --token T [--clients N] [--requests N] "
                    "(--query Q | --slots FILE)\n");
    return 2;
}
