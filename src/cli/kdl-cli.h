/* kdl-cli.h — shared by the kindling-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-dataset.h"
#include "kdl-credentials.h"
#include "kdl-settings.h"

G_BEGIN_DECLS

/* Exit status, as DESIGN.md fixes it for scripts. */
typedef enum
{
  KDL_EXIT_OK      = 0,  /* everything done */
  KDL_EXIT_FAILED  = 1,  /* some items failed */
  KDL_EXIT_USAGE   = 2,  /* usage or input error */
  KDL_EXIT_STOPPED = 3,  /* stopped: authentication, licence, daily limit, budget */
} KdlExitStatus;

typedef int (*KdlCliCommandFunc) (int    argc,
                                  char **argv);

typedef struct
{
  const char        *name;
  const char        *summary;   /* N_() marked */
  KdlCliCommandFunc  func;
} KdlCliCommand;

int  kdl_cli_chat           (int          argc,
                             char       **argv);
int  kdl_cli_score          (int          argc,
                             char       **argv);
int  kdl_cli_inspect        (int          argc,
                             char       **argv);
int  kdl_cli_stats          (int          argc,
                             char       **argv);
int  kdl_cli_check          (int          argc,
                             char       **argv);
int  kdl_cli_run            (int          argc,
                             char       **argv);
int  kdl_cli_parse          (int          argc,
                             char       **argv);
int  kdl_cli_render         (int          argc,
                             char       **argv);

KdlDataset *kdl_cli_load_dataset (const char  *command,
                                  const char  *path,
                                  const char  *sheet,
                                  const char  *encoding,
                                  GStrv        maps,
                                  int         *status);
int  kdl_cli_export         (int          argc,
                             char       **argv);

int  kdl_cli_usage_error    (const char  *command,
                             const char  *format,
                             ...) G_GNUC_PRINTF (2, 3);
int  kdl_cli_exit_for_error (const GError *error);
void kdl_cli_print_error    (const char  *command,
                             const GError *error);
char *kdl_cli_read_text     (const char  *path,
                             GError     **error);

/* A file, or "-" for standard input; NUL-terminated, "" when empty. */
char *kdl_cli_read_input (const char  *path,
                          gsize       *length,
                          GError     **error);

/* A headless lookup gives up on the keyring quickly. */
#define KDL_CLI_KEYRING_TIMEOUT_MS 3000

KdlCredentials *kdl_cli_load_credentials (void);
KdlSparkEndpoint *kdl_cli_resolve_endpoint (const KdlProviderConfig  *config,
                                            const char               *model,
                                            const char               *url,
                                            const char               *domain,
                                            const char               *patch_id,
                                            GError                  **error);

G_END_DECLS
