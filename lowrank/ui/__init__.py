"""The single seam to Streamlit: the page frame, cached loaders and shared widgets.

Importing it sets the server's BLAS to one thread per call, once for the whole process. The
server's parallelism is its sessions (numpy releases the GIL), and on this 2-core machine
OpenBLAS's own second thread spin-waits against them: under load a 600×512 colour SVD took
0.26–1.9 s (6.7 s once) with it and a steady 0.27 s without (bench/compute.py). A process-wide
limit also avoids per-call ``threadpool_limits`` contexts in the pages, which are global and
would race between the sessions' script threads (the core's own contexts, around training, then
set and restore the same one thread).
"""

from threadpoolctl import threadpool_limits

threadpool_limits(limits=1, user_api="blas")
