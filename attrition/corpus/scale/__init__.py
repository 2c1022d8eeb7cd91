"""Scale-out: extraction in batches and worker processes, on Dask, into claim shards, and back.

- `workers`: extract read articles in batches, in this process or in N worker processes.
- `dask_engine`: input shards → claim shards on a Dask cluster.
- `shards`: the claim-shard file format.   `load`: claim shards into the database.

May import store/, read/, `attrition.extract` and `attrition.errors`; never check/,
update/, web/ or the CLI.
"""
