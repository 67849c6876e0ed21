"""Message catalogues, one module per page or theme; merged by lowrank.i18n."""
