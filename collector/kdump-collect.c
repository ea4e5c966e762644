/* kdump-collect - filtering, compressing dump writer (stub). */
#include <stdio.h>
#include "log.h"

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	kd_err("kdump-collect: not implemented yet");
	return 1;
}
