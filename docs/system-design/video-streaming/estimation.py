# %% [markdown]
# # Estimation: video-streaming (being written)
#
# This notebook is being written.

# %%
print("stub")

# %% [markdown]
# ## Track it
#
# Where to go next: [how to run a design round](../../../system-design/design-round/).
