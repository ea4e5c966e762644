/* propagate.h - `kdumpctl propagate`: make the ssh target usable without
 * a password.  Creates sshkey (RSA, mode 0600) when it is missing,
 * appends its public half to ~/.ssh/authorized_keys on the server (once;
 * the server's own password or keys authenticate this step), records the
 * server's host key in known_hosts when it is new (a changed key is
 * refused, never replaced), then checks that the key logs in. */
#ifndef KD_PROPAGATE_H
#define KD_PROPAGATE_H

#include "error.h"
#include "kdump_conf.h"

/* ssh_config: KDUMP_SSH_CONFIG, or NULL for ssh's own. */
int kd_propagate(const struct kdump_conf *conf, const char *ssh_config,
		 struct kd_error *e);

#endif
