// A module that warns once when loaded: a real WARN for the kernel health check to find.
#include <linux/module.h>

static int __init oomlab_warn_init(void)
{
	WARN_ON(1);
	return 0;
}

static void __exit oomlab_warn_exit(void)
{
}

module_init(oomlab_warn_init);
module_exit(oomlab_warn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("oomlab test: WARN_ON(1) at load");
