///Module containing a contract's types and functions.
/**

```solidity
library ILiquidationExecutor {
    struct Order { MarketParams marketParams; address borrower; uint256 maxRepayAssets; address adapter; bytes swapData; uint256 minProfit; }
}
```*/
#[allow(
    non_camel_case_types,
    non_snake_case,
    clippy::pub_underscore_fields,
    clippy::style,
    clippy::empty_structs_with_brackets
)]
pub mod ILiquidationExecutor {
    use super::*;
    use alloy::sol_types as alloy_sol_types;
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive()]
    /**```solidity
struct Order { MarketParams marketParams; address borrower; uint256 maxRepayAssets; address adapter; bytes swapData; uint256 minProfit; }
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct Order {
        #[allow(missing_docs)]
        pub marketParams: <MarketParams as alloy::sol_types::SolType>::RustType,
        #[allow(missing_docs)]
        pub borrower: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub maxRepayAssets: alloy::sol_types::private::primitives::aliases::U256,
        #[allow(missing_docs)]
        pub adapter: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub swapData: alloy::sol_types::private::Bytes,
        #[allow(missing_docs)]
        pub minProfit: alloy::sol_types::private::primitives::aliases::U256,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = (
            MarketParams,
            alloy::sol_types::sol_data::Address,
            alloy::sol_types::sol_data::Uint<256>,
            alloy::sol_types::sol_data::Address,
            alloy::sol_types::sol_data::Bytes,
            alloy::sol_types::sol_data::Uint<256>,
        );
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = (
            <MarketParams as alloy::sol_types::SolType>::RustType,
            alloy::sol_types::private::Address,
            alloy::sol_types::private::primitives::aliases::U256,
            alloy::sol_types::private::Address,
            alloy::sol_types::private::Bytes,
            alloy::sol_types::private::primitives::aliases::U256,
        );
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<Order> for UnderlyingRustTuple<'_> {
            fn from(value: Order) -> Self {
                (
                    value.marketParams,
                    value.borrower,
                    value.maxRepayAssets,
                    value.adapter,
                    value.swapData,
                    value.minProfit,
                )
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for Order {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self {
                    marketParams: tuple.0,
                    borrower: tuple.1,
                    maxRepayAssets: tuple.2,
                    adapter: tuple.3,
                    swapData: tuple.4,
                    minProfit: tuple.5,
                }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolValue for Order {
            type SolType = Self;
        }
        #[automatically_derived]
        impl alloy_sol_types::private::SolTypeValue<Self> for Order {
            #[inline]
            fn stv_to_tokens(&self) -> <Self as alloy_sol_types::SolType>::Token<'_> {
                (
                    <MarketParams as alloy_sol_types::SolType>::tokenize(
                        &self.marketParams,
                    ),
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.borrower,
                    ),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.maxRepayAssets),
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.adapter,
                    ),
                    <alloy::sol_types::sol_data::Bytes as alloy_sol_types::SolType>::tokenize(
                        &self.swapData,
                    ),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.minProfit),
                )
            }
            #[inline]
            fn stv_abi_encoded_size(&self) -> usize {
                if let Some(size) = <Self as alloy_sol_types::SolType>::ENCODED_SIZE {
                    return size;
                }
                let tuple = <UnderlyingRustTuple<
                    '_,
                > as ::core::convert::From<Self>>::from(self.clone());
                <UnderlyingSolTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_encoded_size(&tuple)
            }
            #[inline]
            fn stv_eip712_data_word(&self) -> alloy_sol_types::Word {
                <Self as alloy_sol_types::SolStruct>::eip712_hash_struct(self)
            }
            #[inline]
            fn stv_abi_encode_packed_to(
                &self,
                out: &mut alloy_sol_types::private::Vec<u8>,
            ) {
                let tuple = <UnderlyingRustTuple<
                    '_,
                > as ::core::convert::From<Self>>::from(self.clone());
                <UnderlyingSolTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_encode_packed_to(&tuple, out)
            }
            #[inline]
            fn stv_abi_packed_encoded_size(&self) -> usize {
                if let Some(size) = <Self as alloy_sol_types::SolType>::PACKED_ENCODED_SIZE {
                    return size;
                }
                let tuple = <UnderlyingRustTuple<
                    '_,
                > as ::core::convert::From<Self>>::from(self.clone());
                <UnderlyingSolTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_packed_encoded_size(&tuple)
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolType for Order {
            type RustType = Self;
            type Token<'a> = <UnderlyingSolTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SOL_NAME: &'static str = <Self as alloy_sol_types::SolStruct>::NAME;
            const ENCODED_SIZE: Option<usize> = <UnderlyingSolTuple<
                '_,
            > as alloy_sol_types::SolType>::ENCODED_SIZE;
            const PACKED_ENCODED_SIZE: Option<usize> = <UnderlyingSolTuple<
                '_,
            > as alloy_sol_types::SolType>::PACKED_ENCODED_SIZE;
            #[inline]
            fn valid_token(token: &Self::Token<'_>) -> bool {
                <UnderlyingSolTuple<'_> as alloy_sol_types::SolType>::valid_token(token)
            }
            #[inline]
            fn detokenize(token: Self::Token<'_>) -> Self::RustType {
                let tuple = <UnderlyingSolTuple<
                    '_,
                > as alloy_sol_types::SolType>::detokenize(token);
                <Self as ::core::convert::From<UnderlyingRustTuple<'_>>>::from(tuple)
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolStruct for Order {
            const NAME: &'static str = "Order";
            #[inline]
            fn eip712_root_type() -> alloy_sol_types::private::Cow<'static, str> {
                alloy_sol_types::private::Cow::Borrowed(
                    "Order(MarketParams marketParams,address borrower,uint256 maxRepayAssets,address adapter,bytes swapData,uint256 minProfit)",
                )
            }
            #[inline]
            fn eip712_components() -> alloy_sol_types::private::Vec<
                alloy_sol_types::private::Cow<'static, str>,
            > {
                let mut components = alloy_sol_types::private::Vec::with_capacity(1);
                components
                    .push(
                        <MarketParams as alloy_sol_types::SolStruct>::eip712_root_type(),
                    );
                components
                    .extend(
                        <MarketParams as alloy_sol_types::SolStruct>::eip712_components(),
                    );
                components
            }
            #[inline]
            fn eip712_encode_data(&self) -> alloy_sol_types::private::Vec<u8> {
                [
                    <MarketParams as alloy_sol_types::SolType>::eip712_data_word(
                            &self.marketParams,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::eip712_data_word(
                            &self.borrower,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::eip712_data_word(
                            &self.maxRepayAssets,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::eip712_data_word(
                            &self.adapter,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Bytes as alloy_sol_types::SolType>::eip712_data_word(
                            &self.swapData,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::eip712_data_word(&self.minProfit)
                        .0,
                ]
                    .concat()
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::EventTopic for Order {
            #[inline]
            fn topic_preimage_length(rust: &Self::RustType) -> usize {
                0usize
                    + <MarketParams as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.marketParams,
                    )
                    + <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.borrower,
                    )
                    + <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.maxRepayAssets,
                    )
                    + <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.adapter,
                    )
                    + <alloy::sol_types::sol_data::Bytes as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.swapData,
                    )
                    + <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.minProfit,
                    )
            }
            #[inline]
            fn encode_topic_preimage(
                rust: &Self::RustType,
                out: &mut alloy_sol_types::private::Vec<u8>,
            ) {
                out.reserve(
                    <Self as alloy_sol_types::EventTopic>::topic_preimage_length(rust),
                );
                <MarketParams as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.marketParams,
                    out,
                );
                <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.borrower,
                    out,
                );
                <alloy::sol_types::sol_data::Uint<
                    256,
                > as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.maxRepayAssets,
                    out,
                );
                <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.adapter,
                    out,
                );
                <alloy::sol_types::sol_data::Bytes as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.swapData,
                    out,
                );
                <alloy::sol_types::sol_data::Uint<
                    256,
                > as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.minProfit,
                    out,
                );
            }
            #[inline]
            fn encode_topic(
                rust: &Self::RustType,
            ) -> alloy_sol_types::abi::token::WordToken {
                let mut out = alloy_sol_types::private::Vec::new();
                <Self as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    rust,
                    &mut out,
                );
                alloy_sol_types::abi::token::WordToken(
                    alloy_sol_types::private::keccak256(out),
                )
            }
        }
    };
    use alloy::contract as alloy_contract;
    /**Creates a new wrapper around an on-chain [`ILiquidationExecutor`](self) contract instance.

See the [wrapper's documentation](`ILiquidationExecutorInstance`) for more details.*/
    #[inline]
    pub const fn new<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    >(
        address: alloy_sol_types::private::Address,
        __provider: P,
    ) -> ILiquidationExecutorInstance<P, N> {
        ILiquidationExecutorInstance::<P, N>::new(address, __provider)
    }
    /**A [`ILiquidationExecutor`](self) instance.

Contains type-safe methods for interacting with an on-chain instance of the
[`ILiquidationExecutor`](self) contract located at a given `address`, using a given
provider `P`.

If the contract bytecode is available (see the [`sol!`](alloy_sol_types::sol!)
documentation on how to provide it), the `deploy` and `deploy_builder` methods can
be used to deploy a new instance of the contract.

See the [module-level documentation](self) for all the available methods.*/
    #[derive(Clone)]
    pub struct ILiquidationExecutorInstance<P, N = alloy_contract::private::Ethereum> {
        address: alloy_sol_types::private::Address,
        provider: P,
        _network: ::core::marker::PhantomData<N>,
    }
    #[automatically_derived]
    impl<P, N> ::core::fmt::Debug for ILiquidationExecutorInstance<P, N> {
        #[inline]
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_tuple("ILiquidationExecutorInstance").field(&self.address).finish()
        }
    }
    /// Instantiation and getters/setters.
    impl<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    > ILiquidationExecutorInstance<P, N> {
        /**Creates a new wrapper around an on-chain [`ILiquidationExecutor`](self) contract instance.

See the [wrapper's documentation](`ILiquidationExecutorInstance`) for more details.*/
        #[inline]
        pub const fn new(
            address: alloy_sol_types::private::Address,
            __provider: P,
        ) -> Self {
            Self {
                address,
                provider: __provider,
                _network: ::core::marker::PhantomData,
            }
        }
        /// Returns a reference to the address.
        #[inline]
        pub const fn address(&self) -> &alloy_sol_types::private::Address {
            &self.address
        }
        /// Sets the address.
        #[inline]
        pub fn set_address(&mut self, address: alloy_sol_types::private::Address) {
            self.address = address;
        }
        /// Sets the address and returns `self`.
        pub fn at(mut self, address: alloy_sol_types::private::Address) -> Self {
            self.set_address(address);
            self
        }
        /// Returns a reference to the provider.
        #[inline]
        pub const fn provider(&self) -> &P {
            &self.provider
        }
    }
    impl<P: ::core::clone::Clone, N> ILiquidationExecutorInstance<&P, N> {
        /// Clones the provider and returns a new instance with the cloned provider.
        #[inline]
        pub fn with_cloned_provider(self) -> ILiquidationExecutorInstance<P, N> {
            ILiquidationExecutorInstance {
                address: self.address,
                provider: ::core::clone::Clone::clone(&self.provider),
                _network: ::core::marker::PhantomData,
            }
        }
    }
    /// Function calls.
    impl<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    > ILiquidationExecutorInstance<P, N> {
        /// Creates a new call builder using this contract instance's provider and address.
        ///
        /// Note that the call can be any function call, not just those defined in this
        /// contract. Prefer using the other methods for building type-safe contract calls.
        pub fn call_builder<C: alloy_sol_types::SolCall>(
            &self,
            call: &C,
        ) -> alloy_contract::SolCallBuilder<&P, C, N> {
            alloy_contract::SolCallBuilder::new_sol(&self.provider, &self.address, call)
        }
    }
    /// Event filters.
    impl<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    > ILiquidationExecutorInstance<P, N> {
        /// Creates a new event filter using this contract instance's provider and address.
        ///
        /// Note that the type can be any event, not just those defined in this contract.
        /// Prefer using the other methods for building type-safe event filters.
        pub fn event_filter<E: alloy_sol_types::SolEvent>(
            &self,
        ) -> alloy_contract::Event<&P, E, N> {
            alloy_contract::Event::new_sol(&self.provider, &self.address)
        }
    }
}
/**

Generated by the following Solidity interface...
```solidity
library ILiquidationExecutor {
    struct Order {
        MarketParams marketParams;
        address borrower;
        uint256 maxRepayAssets;
        address adapter;
        bytes swapData;
        uint256 minProfit;
    }
}

interface LiquidationExecutor {
    type Id is bytes32;
    struct MarketParams {
        address loanToken;
        address collateralToken;
        address oracle;
        address rateModel;
        uint256 lltv;
    }

    error ApproveFailed(address token);
    error NoCode();
    error NotCore();
    error NotOwner();
    error NothingLiquidated();
    error ProfitTooLow(uint256 profit, uint256 minProfit);
    error TransferReturnedFalse();
    error TransferReverted();

    event Liquidated(Id indexed id, address indexed borrower, uint256 repaidAssets, uint256 seizedAssets, uint256 profit);
    event LiquidationSkipped(Id indexed id, address indexed borrower, bytes reason);

    constructor(address core, address owner);

    function CORE() external view returns (address);
    function OWNER() external view returns (address);
    function liquidate(MarketParams memory marketParams, address borrower, uint256 maxRepayAssets, address adapter, bytes memory swapData, uint256 minProfit) external returns (uint256 repaidAssets, uint256 seizedAssets, uint256 profit);
    function liquidateBatch(ILiquidationExecutor.Order[] memory orders) external returns (uint256[] memory profits);
    function onCantileverLiquidate(uint256 repaidAssets, bytes memory data) external;
    function sweep(address token) external returns (uint256 amount);
}
```

...which was generated by the following JSON ABI:
```json
[
  {
    "type": "constructor",
    "inputs": [
      {
        "name": "core",
        "type": "address",
        "internalType": "contract ICantilever"
      },
      {
        "name": "owner",
        "type": "address",
        "internalType": "address"
      }
    ],
    "stateMutability": "nonpayable"
  },
  {
    "type": "function",
    "name": "CORE",
    "inputs": [],
    "outputs": [
      {
        "name": "",
        "type": "address",
        "internalType": "contract ICantilever"
      }
    ],
    "stateMutability": "view"
  },
  {
    "type": "function",
    "name": "OWNER",
    "inputs": [],
    "outputs": [
      {
        "name": "",
        "type": "address",
        "internalType": "address"
      }
    ],
    "stateMutability": "view"
  },
  {
    "type": "function",
    "name": "liquidate",
    "inputs": [
      {
        "name": "marketParams",
        "type": "tuple",
        "internalType": "struct MarketParams",
        "components": [
          {
            "name": "loanToken",
            "type": "address",
            "internalType": "address"
          },
          {
            "name": "collateralToken",
            "type": "address",
            "internalType": "address"
          },
          {
            "name": "oracle",
            "type": "address",
            "internalType": "address"
          },
          {
            "name": "rateModel",
            "type": "address",
            "internalType": "address"
          },
          {
            "name": "lltv",
            "type": "uint256",
            "internalType": "uint256"
          }
        ]
      },
      {
        "name": "borrower",
        "type": "address",
        "internalType": "address"
      },
      {
        "name": "maxRepayAssets",
        "type": "uint256",
        "internalType": "uint256"
      },
      {
        "name": "adapter",
        "type": "address",
        "internalType": "contract ISwapAdapter"
      },
      {
        "name": "swapData",
        "type": "bytes",
        "internalType": "bytes"
      },
      {
        "name": "minProfit",
        "type": "uint256",
        "internalType": "uint256"
      }
    ],
    "outputs": [
      {
        "name": "repaidAssets",
        "type": "uint256",
        "internalType": "uint256"
      },
      {
        "name": "seizedAssets",
        "type": "uint256",
        "internalType": "uint256"
      },
      {
        "name": "profit",
        "type": "uint256",
        "internalType": "uint256"
      }
    ],
    "stateMutability": "nonpayable"
  },
  {
    "type": "function",
    "name": "liquidateBatch",
    "inputs": [
      {
        "name": "orders",
        "type": "tuple[]",
        "internalType": "struct ILiquidationExecutor.Order[]",
        "components": [
          {
            "name": "marketParams",
            "type": "tuple",
            "internalType": "struct MarketParams",
            "components": [
              {
                "name": "loanToken",
                "type": "address",
                "internalType": "address"
              },
              {
                "name": "collateralToken",
                "type": "address",
                "internalType": "address"
              },
              {
                "name": "oracle",
                "type": "address",
                "internalType": "address"
              },
              {
                "name": "rateModel",
                "type": "address",
                "internalType": "address"
              },
              {
                "name": "lltv",
                "type": "uint256",
                "internalType": "uint256"
              }
            ]
          },
          {
            "name": "borrower",
            "type": "address",
            "internalType": "address"
          },
          {
            "name": "maxRepayAssets",
            "type": "uint256",
            "internalType": "uint256"
          },
          {
            "name": "adapter",
            "type": "address",
            "internalType": "contract ISwapAdapter"
          },
          {
            "name": "swapData",
            "type": "bytes",
            "internalType": "bytes"
          },
          {
            "name": "minProfit",
            "type": "uint256",
            "internalType": "uint256"
          }
        ]
      }
    ],
    "outputs": [
      {
        "name": "profits",
        "type": "uint256[]",
        "internalType": "uint256[]"
      }
    ],
    "stateMutability": "nonpayable"
  },
  {
    "type": "function",
    "name": "onCantileverLiquidate",
    "inputs": [
      {
        "name": "repaidAssets",
        "type": "uint256",
        "internalType": "uint256"
      },
      {
        "name": "data",
        "type": "bytes",
        "internalType": "bytes"
      }
    ],
    "outputs": [],
    "stateMutability": "nonpayable"
  },
  {
    "type": "function",
    "name": "sweep",
    "inputs": [
      {
        "name": "token",
        "type": "address",
        "internalType": "address"
      }
    ],
    "outputs": [
      {
        "name": "amount",
        "type": "uint256",
        "internalType": "uint256"
      }
    ],
    "stateMutability": "nonpayable"
  },
  {
    "type": "event",
    "name": "Liquidated",
    "inputs": [
      {
        "name": "id",
        "type": "bytes32",
        "indexed": true,
        "internalType": "Id"
      },
      {
        "name": "borrower",
        "type": "address",
        "indexed": true,
        "internalType": "address"
      },
      {
        "name": "repaidAssets",
        "type": "uint256",
        "indexed": false,
        "internalType": "uint256"
      },
      {
        "name": "seizedAssets",
        "type": "uint256",
        "indexed": false,
        "internalType": "uint256"
      },
      {
        "name": "profit",
        "type": "uint256",
        "indexed": false,
        "internalType": "uint256"
      }
    ],
    "anonymous": false
  },
  {
    "type": "event",
    "name": "LiquidationSkipped",
    "inputs": [
      {
        "name": "id",
        "type": "bytes32",
        "indexed": true,
        "internalType": "Id"
      },
      {
        "name": "borrower",
        "type": "address",
        "indexed": true,
        "internalType": "address"
      },
      {
        "name": "reason",
        "type": "bytes",
        "indexed": false,
        "internalType": "bytes"
      }
    ],
    "anonymous": false
  },
  {
    "type": "error",
    "name": "ApproveFailed",
    "inputs": [
      {
        "name": "token",
        "type": "address",
        "internalType": "address"
      }
    ]
  },
  {
    "type": "error",
    "name": "NoCode",
    "inputs": []
  },
  {
    "type": "error",
    "name": "NotCore",
    "inputs": []
  },
  {
    "type": "error",
    "name": "NotOwner",
    "inputs": []
  },
  {
    "type": "error",
    "name": "NothingLiquidated",
    "inputs": []
  },
  {
    "type": "error",
    "name": "ProfitTooLow",
    "inputs": [
      {
        "name": "profit",
        "type": "uint256",
        "internalType": "uint256"
      },
      {
        "name": "minProfit",
        "type": "uint256",
        "internalType": "uint256"
      }
    ]
  },
  {
    "type": "error",
    "name": "TransferReturnedFalse",
    "inputs": []
  },
  {
    "type": "error",
    "name": "TransferReverted",
    "inputs": []
  }
]
```*/
#[allow(
    non_camel_case_types,
    non_snake_case,
    clippy::pub_underscore_fields,
    clippy::style,
    clippy::empty_structs_with_brackets
)]
pub mod LiquidationExecutor {
    use super::*;
    use alloy::sol_types as alloy_sol_types;
    /// The creation / init bytecode of the contract.
    ///
    /// ```text
    ///0x60c060405234801561000f575f5ffd5b506040516119a63803806119a683398101604081905261002e9161005c565b6001600160a01b039182166080521660a052610094565b6001600160a01b0381168114610059575f5ffd5b50565b5f5f6040838503121561006d575f5ffd5b825161007881610045565b602084015190925061008981610045565b809150509250929050565b60805160a0516118ba6100ec5f395f8181609e015281816101880152818161028f015281816102d40152818161088a01526108d801525f8181610118015281816104540152818161055e015261084101526118ba5ff3fe608060405234801561000f575f5ffd5b506004361061006f575f3560e01c80636b6c07741161004d5780636b6c077414610113578063c76a97531461013a578063f24d640a1461014f575f5ffd5b806301681a6214610073578063117803e3146100995780634bffc045146100e5575b5f5ffd5b610086610081366004610fcb565b61016f565b6040519081526020015b60405180910390f35b6100c07f000000000000000000000000000000000000000000000000000000000000000081565b60405173ffffffffffffffffffffffffffffffffffffffff9091168152602001610090565b6100f86100f336600461102b565b6102b9565b60408051938452602084019290925290820152606001610090565b6100c07f000000000000000000000000000000000000000000000000000000000000000081565b61014d6101483660046110bb565b610546565b005b61016261015d366004611103565b6108be565b6040516100909190611174565b5f3373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016146101df576040517f30cd747100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6040517f70a0823100000000000000000000000000000000000000000000000000000000815230600482015273ffffffffffffffffffffffffffffffffffffffff8316906370a0823190602401602060405180830381865afa158015610247573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061026b91906111b6565b905080156102b4576102b473ffffffffffffffffffffffffffffffffffffffff83167f000000000000000000000000000000000000000000000000000000000000000083610b51565b919050565b5f80803373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016148015906103025750333014155b15610339576040517f30cd747100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6040805160a081019091525f908061035460208e018e610fcb565b73ffffffffffffffffffffffffffffffffffffffff1681526020018c60200160208101906103829190610fcb565b73ffffffffffffffffffffffffffffffffffffffff1681526020018973ffffffffffffffffffffffffffffffffffffffff16815260200188888080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525050509082525060209081018790526040516104079291016111fb565b60408051601f19818403018152908290527f87cb0f51000000000000000000000000000000000000000000000000000000008252915073ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016906387cb0f519061048f908e908e908e908790600401611335565b60408051808303815f875af11580156104aa573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104ce9190611382565b90945092505f5c915073ffffffffffffffffffffffffffffffffffffffff8a166104f78c610d0d565b60408051878152602081018790529081018590527f4708d1211693f1e0c8d6e2bce86f1a8b665a737514aa2b86de73b8c48d0a58179060600160405180910390a3509750975097945050505050565b3373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016146105b5576040517fe2aae06b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f6105c28284018461142b565b60208101516040517f70a082310000000000000000000000000000000000000000000000000000000081523060048201529192505f9173ffffffffffffffffffffffffffffffffffffffff909116906370a0823190602401602060405180830381865afa158015610635573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061065991906111b6565b90505f5f836040015173ffffffffffffffffffffffffffffffffffffffff1663e37ff8d18560200151865f01518688606001516040518563ffffffff1660e01b81526004016106ab9493929190611536565b6040805180830381865afa1580156106c5573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906106e99190611586565b915091505f8783116106fb575f610705565b61070588846115b5565b9050878310806107185750846080015181105b156107685760808501516040517f88215f9c00000000000000000000000000000000000000000000000000000000815261075f918391600401918252602082015260400190565b60405180910390fd5b602085015161078e9073ffffffffffffffffffffffffffffffffffffffff168386610b51565b60408086015160208701518751606089015193517ff6dcb92d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff9093169363f6dcb92d936107f89392918a918a9130916004016115f3565b6020604051808303815f875af1158015610814573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061083891906111b6565b508451610866907f00000000000000000000000000000000000000000000000000000000000000008a610d2d565b80156108af5784516108af9073ffffffffffffffffffffffffffffffffffffffff167f000000000000000000000000000000000000000000000000000000000000000083610b51565b80805f5d505050505050505050565b60603373ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000161461092f576040517f30cd747100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8167ffffffffffffffff811115610948576109486113a4565b604051908082528060200260200182016040528015610971578160200160208202803683370190505b5090505f5f5b83811015610b12573685858381811061099257610992611671565b90506020028101906109a4919061169e565b905030634bffc045826109bd60c0820160a08301610fcb565b60c08501356109d3610100870160e08801610fcb565b6109e16101008801886116da565b8861012001356040518863ffffffff1660e01b8152600401610a09979695949392919061173b565b6060604051808303815f875af1925050508015610a43575060408051601f3d908101601f19168201909252610a40918101906117c8565b60015b610ae2573d808015610a70576040519150601f19603f3d011682016040523d82523d5f602084013e610a75565b606091505b50610a8660c0830160a08401610fcb565b73ffffffffffffffffffffffffffffffffffffffff16610aa583610d0d565b7f14c27b192c172c00818cafc654756cbf51ab4e3cde1b21c49645c19baca6c9b183604051610ad491906117f3565b60405180910390a350610b09565b80878681518110610af557610af5611671565b602002602001018181525050600195505050505b50600101610977565b5080610b4a576040517fdd205eb600000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5092915050565b60405173ffffffffffffffffffffffffffffffffffffffff8381166024830152604482018390525f91829186169060640160408051601f198184030181529181526020820180517bffffffffffffffffffffffffffffffffffffffffffffffffffffffff167fa9059cbb0000000000000000000000000000000000000000000000000000000017905251610be59190611805565b5f604051808303815f865af19150503d805f8114610c1e576040519150601f19603f3d011682016040523d82523d5f602084013e610c23565b606091505b509150915081610c5f576040517face2a47e00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80515f03610cbc578473ffffffffffffffffffffffffffffffffffffffff163b5f03610cb7576040517ff046a71400000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b610d06565b80806020019051810190610cd0919061181b565b610d06576040517f2f0470fc00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5050505050565b5f80610d1e3684900384018461183a565b60a081209091505b9392505050565b60405130602482015273ffffffffffffffffffffffffffffffffffffffff83811660448301525f91829186169060640160408051601f198184030181529181526020820180517bffffffffffffffffffffffffffffffffffffffffffffffffffffffff167fdd62ed3e0000000000000000000000000000000000000000000000000000000017905251610dc09190611805565b5f60405180830381855afa9150503d805f8114610df8576040519150601f19603f3d011682016040523d82523d5f602084013e610dfd565b606091505b5091509150818015610e1157506020815110155b8015610e3057508281806020019051810190610e2d91906111b6565b10155b15610e3c575050505050565b60405173ffffffffffffffffffffffffffffffffffffffff85811660248301527fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff604483015286169060640160408051601f198184030181529181526020820180517bffffffffffffffffffffffffffffffffffffffffffffffffffffffff167f095ea7b30000000000000000000000000000000000000000000000000000000017905251610eeb9190611805565b5f604051808303815f865af19150503d805f8114610f24576040519150601f19603f3d011682016040523d82523d5f602084013e610f29565b606091505b509092509050811580610f585750805115801590610f58575080806020019051810190610f56919061181b565b155b15610d06576040517fc90bb86a00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8616600482015260240161075f565b73ffffffffffffffffffffffffffffffffffffffff81168114610fc8575f5ffd5b50565b5f60208284031215610fdb575f5ffd5b8135610d2681610fa7565b5f5f83601f840112610ff6575f5ffd5b50813567ffffffffffffffff81111561100d575f5ffd5b602083019150836020828501011115611024575f5ffd5b9250929050565b5f5f5f5f5f5f5f878903610140811215611043575f5ffd5b60a0811215611050575f5ffd5b5087965060a088013561106281610fa7565b955060c0880135945060e088013561107981610fa7565b935061010088013567ffffffffffffffff811115611095575f5ffd5b6110a18a828b01610fe6565b989b979a5095989497959661012090950135949350505050565b5f5f5f604084860312156110cd575f5ffd5b83359250602084013567ffffffffffffffff8111156110ea575f5ffd5b6110f686828701610fe6565b9497909650939450505050565b5f5f60208385031215611114575f5ffd5b823567ffffffffffffffff81111561112a575f5ffd5b8301601f8101851361113a575f5ffd5b803567ffffffffffffffff811115611150575f5ffd5b8560208260051b8401011115611164575f5ffd5b6020919091019590945092505050565b602080825282518282018190525f918401906040840190835b818110156111ab57835183526020938401939092019160010161118d565b509095945050505050565b5f602082840312156111c6575f5ffd5b5051919050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b6020815273ffffffffffffffffffffffffffffffffffffffff825116602082015273ffffffffffffffffffffffffffffffffffffffff602083015116604082015273ffffffffffffffffffffffffffffffffffffffff60408301511660608201525f606083015160a0608084015261127660c08401826111cd565b9050608084015160a08401528091505092915050565b803561129781610fa7565b73ffffffffffffffffffffffffffffffffffffffff16825260208101356112bd81610fa7565b73ffffffffffffffffffffffffffffffffffffffff16602083015260408101356112e681610fa7565b73ffffffffffffffffffffffffffffffffffffffff166040830152606081013561130f81610fa7565b73ffffffffffffffffffffffffffffffffffffffff166060830152608090810135910152565b61133f818661128c565b73ffffffffffffffffffffffffffffffffffffffff841660a08201528260c082015261010060e08201525f6113786101008301846111cd565b9695505050505050565b5f5f60408385031215611393575f5ffd5b505080516020909101519092909150565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b60405160a0810167ffffffffffffffff811182821017156113f4576113f46113a4565b60405290565b604051601f8201601f1916810167ffffffffffffffff81118282101715611423576114236113a4565b604052919050565b5f6020828403121561143b575f5ffd5b813567ffffffffffffffff811115611451575f5ffd5b820160a08185031215611462575f5ffd5b61146a6113d1565b813561147581610fa7565b8152602082013561148581610fa7565b6020820152604082013561149881610fa7565b6040820152606082013567ffffffffffffffff8111156114b6575f5ffd5b8201601f810186136114c6575f5ffd5b803567ffffffffffffffff8111156114e0576114e06113a4565b6114f36020601f19601f840116016113fa565b818152876020838501011115611507575f5ffd5b816020840160208301375f91810160200191909152606083015250608091820135918101919091529392505050565b73ffffffffffffffffffffffffffffffffffffffff8516815273ffffffffffffffffffffffffffffffffffffffff84166020820152826040820152608060608201525f61137860808301846111cd565b5f5f60408385031215611597575f5ffd5b825160208401519092506115aa81610fa7565b809150509250929050565b818103818111156115ed577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b92915050565b73ffffffffffffffffffffffffffffffffffffffff8716815273ffffffffffffffffffffffffffffffffffffffff8616602082015284604082015283606082015273ffffffffffffffffffffffffffffffffffffffff8316608082015260c060a08201525f61166560c08301846111cd565b98975050505050505050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b5f82357ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffec18336030181126116d0575f5ffd5b9190910192915050565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe184360301811261170d575f5ffd5b83018035915067ffffffffffffffff821115611727575f5ffd5b602001915036819003821315611024575f5ffd5b611745818961128c565b73ffffffffffffffffffffffffffffffffffffffff871660a08201528560c082015273ffffffffffffffffffffffffffffffffffffffff851660e08201526101406101008201528261014082015282846101608301375f61016084830101525f610160601f19601f86011683010190508261012083015298975050505050505050565b5f5f5f606084860312156117da575f5ffd5b5050815160208301516040909301519094929350919050565b602081525f610d2660208301846111cd565b5f82518060208501845e5f920191825250919050565b5f6020828403121561182b575f5ffd5b81518015158114610d26575f5ffd5b5f60a082840312801561184b575f5ffd5b506118546113d1565b823561185f81610fa7565b8152602083013561186f81610fa7565b6020820152604083013561188281610fa7565b6040820152606083013561189581610fa7565b6060820152608092830135928101929092525091905056fea164736f6c634300081e000a
    /// ```
    #[rustfmt::skip]
    #[allow(clippy::all)]
    pub static BYTECODE: alloy_sol_types::private::Bytes = alloy_sol_types::private::Bytes::from_static(
        b"`\xC0`@R4\x80\x15a\0\x0FW__\xFD[P`@Qa\x19\xA68\x03\x80a\x19\xA6\x839\x81\x01`@\x81\x90Ra\0.\x91a\0\\V[`\x01`\x01`\xA0\x1B\x03\x91\x82\x16`\x80R\x16`\xA0Ra\0\x94V[`\x01`\x01`\xA0\x1B\x03\x81\x16\x81\x14a\0YW__\xFD[PV[__`@\x83\x85\x03\x12\x15a\0mW__\xFD[\x82Qa\0x\x81a\0EV[` \x84\x01Q\x90\x92Pa\0\x89\x81a\0EV[\x80\x91PP\x92P\x92\x90PV[`\x80Q`\xA0Qa\x18\xBAa\0\xEC_9_\x81\x81`\x9E\x01R\x81\x81a\x01\x88\x01R\x81\x81a\x02\x8F\x01R\x81\x81a\x02\xD4\x01R\x81\x81a\x08\x8A\x01Ra\x08\xD8\x01R_\x81\x81a\x01\x18\x01R\x81\x81a\x04T\x01R\x81\x81a\x05^\x01Ra\x08A\x01Ra\x18\xBA_\xF3\xFE`\x80`@R4\x80\x15a\0\x0FW__\xFD[P`\x046\x10a\0oW_5`\xE0\x1C\x80ckl\x07t\x11a\0MW\x80ckl\x07t\x14a\x01\x13W\x80c\xC7j\x97S\x14a\x01:W\x80c\xF2Md\n\x14a\x01OW__\xFD[\x80c\x01h\x1Ab\x14a\0sW\x80c\x11x\x03\xE3\x14a\0\x99W\x80cK\xFF\xC0E\x14a\0\xE5W[__\xFD[a\0\x86a\0\x816`\x04a\x0F\xCBV[a\x01oV[`@Q\x90\x81R` \x01[`@Q\x80\x91\x03\x90\xF3[a\0\xC0\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81V[`@Qs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x90\x91\x16\x81R` \x01a\0\x90V[a\0\xF8a\0\xF36`\x04a\x10+V[a\x02\xB9V[`@\x80Q\x93\x84R` \x84\x01\x92\x90\x92R\x90\x82\x01R``\x01a\0\x90V[a\0\xC0\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81V[a\x01Ma\x01H6`\x04a\x10\xBBV[a\x05FV[\0[a\x01ba\x01]6`\x04a\x11\x03V[a\x08\xBEV[`@Qa\0\x90\x91\x90a\x11tV[_3s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x14a\x01\xDFW`@Q\x7F0\xCDtq\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[`@Q\x7Fp\xA0\x821\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R0`\x04\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x16\x90cp\xA0\x821\x90`$\x01` `@Q\x80\x83\x03\x81\x86Z\xFA\x15\x80\x15a\x02GW=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x02k\x91\x90a\x11\xB6V[\x90P\x80\x15a\x02\xB4Wa\x02\xB4s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x16\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x83a\x0BQV[\x91\x90PV[_\x80\x803s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x14\x80\x15\x90a\x03\x02WP30\x14\x15[\x15a\x039W`@Q\x7F0\xCDtq\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[`@\x80Q`\xA0\x81\x01\x90\x91R_\x90\x80a\x03T` \x8E\x01\x8Ea\x0F\xCBV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x81R` \x01\x8C` \x01` \x81\x01\x90a\x03\x82\x91\x90a\x0F\xCBV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x81R` \x01\x89s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x81R` \x01\x88\x88\x80\x80`\x1F\x01` \x80\x91\x04\x02` \x01`@Q\x90\x81\x01`@R\x80\x93\x92\x91\x90\x81\x81R` \x01\x83\x83\x80\x82\x847_\x92\x01\x91\x90\x91RPPP\x90\x82RP` \x90\x81\x01\x87\x90R`@Qa\x04\x07\x92\x91\x01a\x11\xFBV[`@\x80Q`\x1F\x19\x81\x84\x03\x01\x81R\x90\x82\x90R\x7F\x87\xCB\x0FQ\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x82R\x91Ps\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x90c\x87\xCB\x0FQ\x90a\x04\x8F\x90\x8E\x90\x8E\x90\x8E\x90\x87\x90`\x04\x01a\x135V[`@\x80Q\x80\x83\x03\x81_\x87Z\xF1\x15\x80\x15a\x04\xAAW=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x04\xCE\x91\x90a\x13\x82V[\x90\x94P\x92P_\\\x91Ps\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x8A\x16a\x04\xF7\x8Ca\r\rV[`@\x80Q\x87\x81R` \x81\x01\x87\x90R\x90\x81\x01\x85\x90R\x7FG\x08\xD1!\x16\x93\xF1\xE0\xC8\xD6\xE2\xBC\xE8o\x1A\x8BfZsu\x14\xAA+\x86\xDEs\xB8\xC4\x8D\nX\x17\x90``\x01`@Q\x80\x91\x03\x90\xA3P\x97P\x97P\x97\x94PPPPPV[3s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x14a\x05\xB5W`@Q\x7F\xE2\xAA\xE0k\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[_a\x05\xC2\x82\x84\x01\x84a\x14+V[` \x81\x01Q`@Q\x7Fp\xA0\x821\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R0`\x04\x82\x01R\x91\x92P_\x91s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x90\x91\x16\x90cp\xA0\x821\x90`$\x01` `@Q\x80\x83\x03\x81\x86Z\xFA\x15\x80\x15a\x065W=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x06Y\x91\x90a\x11\xB6V[\x90P__\x83`@\x01Qs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16c\xE3\x7F\xF8\xD1\x85` \x01Q\x86_\x01Q\x86\x88``\x01Q`@Q\x85c\xFF\xFF\xFF\xFF\x16`\xE0\x1B\x81R`\x04\x01a\x06\xAB\x94\x93\x92\x91\x90a\x156V[`@\x80Q\x80\x83\x03\x81\x86Z\xFA\x15\x80\x15a\x06\xC5W=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x06\xE9\x91\x90a\x15\x86V[\x91P\x91P_\x87\x83\x11a\x06\xFBW_a\x07\x05V[a\x07\x05\x88\x84a\x15\xB5V[\x90P\x87\x83\x10\x80a\x07\x18WP\x84`\x80\x01Q\x81\x10[\x15a\x07hW`\x80\x85\x01Q`@Q\x7F\x88!_\x9C\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81Ra\x07_\x91\x83\x91`\x04\x01\x91\x82R` \x82\x01R`@\x01\x90V[`@Q\x80\x91\x03\x90\xFD[` \x85\x01Qa\x07\x8E\x90s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x83\x86a\x0BQV[`@\x80\x86\x01Q` \x87\x01Q\x87Q``\x89\x01Q\x93Q\x7F\xF6\xDC\xB9-\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x90\x93\x16\x93c\xF6\xDC\xB9-\x93a\x07\xF8\x93\x92\x91\x8A\x91\x8A\x910\x91`\x04\x01a\x15\xF3V[` `@Q\x80\x83\x03\x81_\x87Z\xF1\x15\x80\x15a\x08\x14W=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x088\x91\x90a\x11\xB6V[P\x84Qa\x08f\x90\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x8Aa\r-V[\x80\x15a\x08\xAFW\x84Qa\x08\xAF\x90s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x83a\x0BQV[\x80\x80_]PPPPPPPPPV[``3s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x14a\t/W`@Q\x7F0\xCDtq\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[\x81g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\tHWa\tHa\x13\xA4V[`@Q\x90\x80\x82R\x80` \x02` \x01\x82\x01`@R\x80\x15a\tqW\x81` \x01` \x82\x02\x806\x837\x01\x90P[P\x90P__[\x83\x81\x10\x15a\x0B\x12W6\x85\x85\x83\x81\x81\x10a\t\x92Wa\t\x92a\x16qV[\x90P` \x02\x81\x01\x90a\t\xA4\x91\x90a\x16\x9EV[\x90P0cK\xFF\xC0E\x82a\t\xBD`\xC0\x82\x01`\xA0\x83\x01a\x0F\xCBV[`\xC0\x85\x015a\t\xD3a\x01\0\x87\x01`\xE0\x88\x01a\x0F\xCBV[a\t\xE1a\x01\0\x88\x01\x88a\x16\xDAV[\x88a\x01 \x015`@Q\x88c\xFF\xFF\xFF\xFF\x16`\xE0\x1B\x81R`\x04\x01a\n\t\x97\x96\x95\x94\x93\x92\x91\x90a\x17;V[```@Q\x80\x83\x03\x81_\x87Z\xF1\x92PPP\x80\x15a\nCWP`@\x80Q`\x1F=\x90\x81\x01`\x1F\x19\x16\x82\x01\x90\x92Ra\n@\x91\x81\x01\x90a\x17\xC8V[`\x01[a\n\xE2W=\x80\x80\x15a\npW`@Q\x91P`\x1F\x19`?=\x01\x16\x82\x01`@R=\x82R=_` \x84\x01>a\nuV[``\x91P[Pa\n\x86`\xC0\x83\x01`\xA0\x84\x01a\x0F\xCBV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16a\n\xA5\x83a\r\rV[\x7F\x14\xC2{\x19,\x17,\0\x81\x8C\xAF\xC6Tul\xBFQ\xABN<\xDE\x1B!\xC4\x96E\xC1\x9B\xAC\xA6\xC9\xB1\x83`@Qa\n\xD4\x91\x90a\x17\xF3V[`@Q\x80\x91\x03\x90\xA3Pa\x0B\tV[\x80\x87\x86\x81Q\x81\x10a\n\xF5Wa\n\xF5a\x16qV[` \x02` \x01\x01\x81\x81RPP`\x01\x95PPPP[P`\x01\x01a\twV[P\x80a\x0BJW`@Q\x7F\xDD ^\xB6\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[P\x92\x91PPV[`@Qs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x81\x16`$\x83\x01R`D\x82\x01\x83\x90R_\x91\x82\x91\x86\x16\x90`d\x01`@\x80Q`\x1F\x19\x81\x84\x03\x01\x81R\x91\x81R` \x82\x01\x80Q{\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x7F\xA9\x05\x9C\xBB\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x17\x90RQa\x0B\xE5\x91\x90a\x18\x05V[_`@Q\x80\x83\x03\x81_\x86Z\xF1\x91PP=\x80_\x81\x14a\x0C\x1EW`@Q\x91P`\x1F\x19`?=\x01\x16\x82\x01`@R=\x82R=_` \x84\x01>a\x0C#V[``\x91P[P\x91P\x91P\x81a\x0C_W`@Q\x7F\xAC\xE2\xA4~\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[\x80Q_\x03a\x0C\xBCW\x84s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16;_\x03a\x0C\xB7W`@Q\x7F\xF0F\xA7\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[a\r\x06V[\x80\x80` \x01\x90Q\x81\x01\x90a\x0C\xD0\x91\x90a\x18\x1BV[a\r\x06W`@Q\x7F/\x04p\xFC\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[PPPPPV[_\x80a\r\x1E6\x84\x90\x03\x84\x01\x84a\x18:V[`\xA0\x81 \x90\x91P[\x93\x92PPPV[`@Q0`$\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x81\x16`D\x83\x01R_\x91\x82\x91\x86\x16\x90`d\x01`@\x80Q`\x1F\x19\x81\x84\x03\x01\x81R\x91\x81R` \x82\x01\x80Q{\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x7F\xDDb\xED>\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x17\x90RQa\r\xC0\x91\x90a\x18\x05V[_`@Q\x80\x83\x03\x81\x85Z\xFA\x91PP=\x80_\x81\x14a\r\xF8W`@Q\x91P`\x1F\x19`?=\x01\x16\x82\x01`@R=\x82R=_` \x84\x01>a\r\xFDV[``\x91P[P\x91P\x91P\x81\x80\x15a\x0E\x11WP` \x81Q\x10\x15[\x80\x15a\x0E0WP\x82\x81\x80` \x01\x90Q\x81\x01\x90a\x0E-\x91\x90a\x11\xB6V[\x10\x15[\x15a\x0E<WPPPPPV[`@Qs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x85\x81\x16`$\x83\x01R\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF`D\x83\x01R\x86\x16\x90`d\x01`@\x80Q`\x1F\x19\x81\x84\x03\x01\x81R\x91\x81R` \x82\x01\x80Q{\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x7F\t^\xA7\xB3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x17\x90RQa\x0E\xEB\x91\x90a\x18\x05V[_`@Q\x80\x83\x03\x81_\x86Z\xF1\x91PP=\x80_\x81\x14a\x0F$W`@Q\x91P`\x1F\x19`?=\x01\x16\x82\x01`@R=\x82R=_` \x84\x01>a\x0F)V[``\x91P[P\x90\x92P\x90P\x81\x15\x80a\x0FXWP\x80Q\x15\x80\x15\x90a\x0FXWP\x80\x80` \x01\x90Q\x81\x01\x90a\x0FV\x91\x90a\x18\x1BV[\x15[\x15a\r\x06W`@Q\x7F\xC9\x0B\xB8j\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x86\x16`\x04\x82\x01R`$\x01a\x07_V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x16\x81\x14a\x0F\xC8W__\xFD[PV[_` \x82\x84\x03\x12\x15a\x0F\xDBW__\xFD[\x815a\r&\x81a\x0F\xA7V[__\x83`\x1F\x84\x01\x12a\x0F\xF6W__\xFD[P\x815g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x10\rW__\xFD[` \x83\x01\x91P\x83` \x82\x85\x01\x01\x11\x15a\x10$W__\xFD[\x92P\x92\x90PV[_______\x87\x89\x03a\x01@\x81\x12\x15a\x10CW__\xFD[`\xA0\x81\x12\x15a\x10PW__\xFD[P\x87\x96P`\xA0\x88\x015a\x10b\x81a\x0F\xA7V[\x95P`\xC0\x88\x015\x94P`\xE0\x88\x015a\x10y\x81a\x0F\xA7V[\x93Pa\x01\0\x88\x015g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x10\x95W__\xFD[a\x10\xA1\x8A\x82\x8B\x01a\x0F\xE6V[\x98\x9B\x97\x9AP\x95\x98\x94\x97\x95\x96a\x01 \x90\x95\x015\x94\x93PPPPV[___`@\x84\x86\x03\x12\x15a\x10\xCDW__\xFD[\x835\x92P` \x84\x015g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x10\xEAW__\xFD[a\x10\xF6\x86\x82\x87\x01a\x0F\xE6V[\x94\x97\x90\x96P\x93\x94PPPPV[__` \x83\x85\x03\x12\x15a\x11\x14W__\xFD[\x825g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x11*W__\xFD[\x83\x01`\x1F\x81\x01\x85\x13a\x11:W__\xFD[\x805g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x11PW__\xFD[\x85` \x82`\x05\x1B\x84\x01\x01\x11\x15a\x11dW__\xFD[` \x91\x90\x91\x01\x95\x90\x94P\x92PPPV[` \x80\x82R\x82Q\x82\x82\x01\x81\x90R_\x91\x84\x01\x90`@\x84\x01\x90\x83[\x81\x81\x10\x15a\x11\xABW\x83Q\x83R` \x93\x84\x01\x93\x90\x92\x01\x91`\x01\x01a\x11\x8DV[P\x90\x95\x94PPPPPV[_` \x82\x84\x03\x12\x15a\x11\xC6W__\xFD[PQ\x91\x90PV[_\x81Q\x80\x84R\x80` \x84\x01` \x86\x01^_` \x82\x86\x01\x01R` `\x1F\x19`\x1F\x83\x01\x16\x85\x01\x01\x91PP\x92\x91PPV[` \x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x82Q\x16` \x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF` \x83\x01Q\x16`@\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF`@\x83\x01Q\x16``\x82\x01R_``\x83\x01Q`\xA0`\x80\x84\x01Ra\x12v`\xC0\x84\x01\x82a\x11\xCDV[\x90P`\x80\x84\x01Q`\xA0\x84\x01R\x80\x91PP\x92\x91PPV[\x805a\x12\x97\x81a\x0F\xA7V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x82R` \x81\x015a\x12\xBD\x81a\x0F\xA7V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16` \x83\x01R`@\x81\x015a\x12\xE6\x81a\x0F\xA7V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16`@\x83\x01R``\x81\x015a\x13\x0F\x81a\x0F\xA7V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16``\x83\x01R`\x80\x90\x81\x015\x91\x01RV[a\x13?\x81\x86a\x12\x8CV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x84\x16`\xA0\x82\x01R\x82`\xC0\x82\x01Ra\x01\0`\xE0\x82\x01R_a\x13xa\x01\0\x83\x01\x84a\x11\xCDV[\x96\x95PPPPPPV[__`@\x83\x85\x03\x12\x15a\x13\x93W__\xFD[PP\x80Q` \x90\x91\x01Q\x90\x92\x90\x91PV[\x7FNH{q\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0_R`A`\x04R`$_\xFD[`@Q`\xA0\x81\x01g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x82\x82\x10\x17\x15a\x13\xF4Wa\x13\xF4a\x13\xA4V[`@R\x90V[`@Q`\x1F\x82\x01`\x1F\x19\x16\x81\x01g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x82\x82\x10\x17\x15a\x14#Wa\x14#a\x13\xA4V[`@R\x91\x90PV[_` \x82\x84\x03\x12\x15a\x14;W__\xFD[\x815g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x14QW__\xFD[\x82\x01`\xA0\x81\x85\x03\x12\x15a\x14bW__\xFD[a\x14ja\x13\xD1V[\x815a\x14u\x81a\x0F\xA7V[\x81R` \x82\x015a\x14\x85\x81a\x0F\xA7V[` \x82\x01R`@\x82\x015a\x14\x98\x81a\x0F\xA7V[`@\x82\x01R``\x82\x015g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x14\xB6W__\xFD[\x82\x01`\x1F\x81\x01\x86\x13a\x14\xC6W__\xFD[\x805g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x14\xE0Wa\x14\xE0a\x13\xA4V[a\x14\xF3` `\x1F\x19`\x1F\x84\x01\x16\x01a\x13\xFAV[\x81\x81R\x87` \x83\x85\x01\x01\x11\x15a\x15\x07W__\xFD[\x81` \x84\x01` \x83\x017_\x91\x81\x01` \x01\x91\x90\x91R``\x83\x01RP`\x80\x91\x82\x015\x91\x81\x01\x91\x90\x91R\x93\x92PPPV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x85\x16\x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x84\x16` \x82\x01R\x82`@\x82\x01R`\x80``\x82\x01R_a\x13x`\x80\x83\x01\x84a\x11\xCDV[__`@\x83\x85\x03\x12\x15a\x15\x97W__\xFD[\x82Q` \x84\x01Q\x90\x92Pa\x15\xAA\x81a\x0F\xA7V[\x80\x91PP\x92P\x92\x90PV[\x81\x81\x03\x81\x81\x11\x15a\x15\xEDW\x7FNH{q\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0_R`\x11`\x04R`$_\xFD[\x92\x91PPV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x87\x16\x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x86\x16` \x82\x01R\x84`@\x82\x01R\x83``\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x16`\x80\x82\x01R`\xC0`\xA0\x82\x01R_a\x16e`\xC0\x83\x01\x84a\x11\xCDV[\x98\x97PPPPPPPPV[\x7FNH{q\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0_R`2`\x04R`$_\xFD[_\x825\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFE\xC1\x836\x03\x01\x81\x12a\x16\xD0W__\xFD[\x91\x90\x91\x01\x92\x91PPV[__\x835\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xE1\x846\x03\x01\x81\x12a\x17\rW__\xFD[\x83\x01\x805\x91Pg\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x82\x11\x15a\x17'W__\xFD[` \x01\x91P6\x81\x90\x03\x82\x13\x15a\x10$W__\xFD[a\x17E\x81\x89a\x12\x8CV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x87\x16`\xA0\x82\x01R\x85`\xC0\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x85\x16`\xE0\x82\x01Ra\x01@a\x01\0\x82\x01R\x82a\x01@\x82\x01R\x82\x84a\x01`\x83\x017_a\x01`\x84\x83\x01\x01R_a\x01``\x1F\x19`\x1F\x86\x01\x16\x83\x01\x01\x90P\x82a\x01 \x83\x01R\x98\x97PPPPPPPPV[___``\x84\x86\x03\x12\x15a\x17\xDAW__\xFD[PP\x81Q` \x83\x01Q`@\x90\x93\x01Q\x90\x94\x92\x93P\x91\x90PV[` \x81R_a\r&` \x83\x01\x84a\x11\xCDV[_\x82Q\x80` \x85\x01\x84^_\x92\x01\x91\x82RP\x91\x90PV[_` \x82\x84\x03\x12\x15a\x18+W__\xFD[\x81Q\x80\x15\x15\x81\x14a\r&W__\xFD[_`\xA0\x82\x84\x03\x12\x80\x15a\x18KW__\xFD[Pa\x18Ta\x13\xD1V[\x825a\x18_\x81a\x0F\xA7V[\x81R` \x83\x015a\x18o\x81a\x0F\xA7V[` \x82\x01R`@\x83\x015a\x18\x82\x81a\x0F\xA7V[`@\x82\x01R``\x83\x015a\x18\x95\x81a\x0F\xA7V[``\x82\x01R`\x80\x92\x83\x015\x92\x81\x01\x92\x90\x92RP\x91\x90PV\xFE\xA1dsolcC\0\x08\x1E\0\n",
    );
    /// The runtime bytecode of the contract, as deployed on the network.
    ///
    /// ```text
    ///0x608060405234801561000f575f5ffd5b506004361061006f575f3560e01c80636b6c07741161004d5780636b6c077414610113578063c76a97531461013a578063f24d640a1461014f575f5ffd5b806301681a6214610073578063117803e3146100995780634bffc045146100e5575b5f5ffd5b610086610081366004610fcb565b61016f565b6040519081526020015b60405180910390f35b6100c07f000000000000000000000000000000000000000000000000000000000000000081565b60405173ffffffffffffffffffffffffffffffffffffffff9091168152602001610090565b6100f86100f336600461102b565b6102b9565b60408051938452602084019290925290820152606001610090565b6100c07f000000000000000000000000000000000000000000000000000000000000000081565b61014d6101483660046110bb565b610546565b005b61016261015d366004611103565b6108be565b6040516100909190611174565b5f3373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016146101df576040517f30cd747100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6040517f70a0823100000000000000000000000000000000000000000000000000000000815230600482015273ffffffffffffffffffffffffffffffffffffffff8316906370a0823190602401602060405180830381865afa158015610247573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061026b91906111b6565b905080156102b4576102b473ffffffffffffffffffffffffffffffffffffffff83167f000000000000000000000000000000000000000000000000000000000000000083610b51565b919050565b5f80803373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016148015906103025750333014155b15610339576040517f30cd747100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6040805160a081019091525f908061035460208e018e610fcb565b73ffffffffffffffffffffffffffffffffffffffff1681526020018c60200160208101906103829190610fcb565b73ffffffffffffffffffffffffffffffffffffffff1681526020018973ffffffffffffffffffffffffffffffffffffffff16815260200188888080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525050509082525060209081018790526040516104079291016111fb565b60408051601f19818403018152908290527f87cb0f51000000000000000000000000000000000000000000000000000000008252915073ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016906387cb0f519061048f908e908e908e908790600401611335565b60408051808303815f875af11580156104aa573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104ce9190611382565b90945092505f5c915073ffffffffffffffffffffffffffffffffffffffff8a166104f78c610d0d565b60408051878152602081018790529081018590527f4708d1211693f1e0c8d6e2bce86f1a8b665a737514aa2b86de73b8c48d0a58179060600160405180910390a3509750975097945050505050565b3373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016146105b5576040517fe2aae06b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f6105c28284018461142b565b60208101516040517f70a082310000000000000000000000000000000000000000000000000000000081523060048201529192505f9173ffffffffffffffffffffffffffffffffffffffff909116906370a0823190602401602060405180830381865afa158015610635573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061065991906111b6565b90505f5f836040015173ffffffffffffffffffffffffffffffffffffffff1663e37ff8d18560200151865f01518688606001516040518563ffffffff1660e01b81526004016106ab9493929190611536565b6040805180830381865afa1580156106c5573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906106e99190611586565b915091505f8783116106fb575f610705565b61070588846115b5565b9050878310806107185750846080015181105b156107685760808501516040517f88215f9c00000000000000000000000000000000000000000000000000000000815261075f918391600401918252602082015260400190565b60405180910390fd5b602085015161078e9073ffffffffffffffffffffffffffffffffffffffff168386610b51565b60408086015160208701518751606089015193517ff6dcb92d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff9093169363f6dcb92d936107f89392918a918a9130916004016115f3565b6020604051808303815f875af1158015610814573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061083891906111b6565b508451610866907f00000000000000000000000000000000000000000000000000000000000000008a610d2d565b80156108af5784516108af9073ffffffffffffffffffffffffffffffffffffffff167f000000000000000000000000000000000000000000000000000000000000000083610b51565b80805f5d505050505050505050565b60603373ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000161461092f576040517f30cd747100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8167ffffffffffffffff811115610948576109486113a4565b604051908082528060200260200182016040528015610971578160200160208202803683370190505b5090505f5f5b83811015610b12573685858381811061099257610992611671565b90506020028101906109a4919061169e565b905030634bffc045826109bd60c0820160a08301610fcb565b60c08501356109d3610100870160e08801610fcb565b6109e16101008801886116da565b8861012001356040518863ffffffff1660e01b8152600401610a09979695949392919061173b565b6060604051808303815f875af1925050508015610a43575060408051601f3d908101601f19168201909252610a40918101906117c8565b60015b610ae2573d808015610a70576040519150601f19603f3d011682016040523d82523d5f602084013e610a75565b606091505b50610a8660c0830160a08401610fcb565b73ffffffffffffffffffffffffffffffffffffffff16610aa583610d0d565b7f14c27b192c172c00818cafc654756cbf51ab4e3cde1b21c49645c19baca6c9b183604051610ad491906117f3565b60405180910390a350610b09565b80878681518110610af557610af5611671565b602002602001018181525050600195505050505b50600101610977565b5080610b4a576040517fdd205eb600000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5092915050565b60405173ffffffffffffffffffffffffffffffffffffffff8381166024830152604482018390525f91829186169060640160408051601f198184030181529181526020820180517bffffffffffffffffffffffffffffffffffffffffffffffffffffffff167fa9059cbb0000000000000000000000000000000000000000000000000000000017905251610be59190611805565b5f604051808303815f865af19150503d805f8114610c1e576040519150601f19603f3d011682016040523d82523d5f602084013e610c23565b606091505b509150915081610c5f576040517face2a47e00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80515f03610cbc578473ffffffffffffffffffffffffffffffffffffffff163b5f03610cb7576040517ff046a71400000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b610d06565b80806020019051810190610cd0919061181b565b610d06576040517f2f0470fc00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5050505050565b5f80610d1e3684900384018461183a565b60a081209091505b9392505050565b60405130602482015273ffffffffffffffffffffffffffffffffffffffff83811660448301525f91829186169060640160408051601f198184030181529181526020820180517bffffffffffffffffffffffffffffffffffffffffffffffffffffffff167fdd62ed3e0000000000000000000000000000000000000000000000000000000017905251610dc09190611805565b5f60405180830381855afa9150503d805f8114610df8576040519150601f19603f3d011682016040523d82523d5f602084013e610dfd565b606091505b5091509150818015610e1157506020815110155b8015610e3057508281806020019051810190610e2d91906111b6565b10155b15610e3c575050505050565b60405173ffffffffffffffffffffffffffffffffffffffff85811660248301527fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff604483015286169060640160408051601f198184030181529181526020820180517bffffffffffffffffffffffffffffffffffffffffffffffffffffffff167f095ea7b30000000000000000000000000000000000000000000000000000000017905251610eeb9190611805565b5f604051808303815f865af19150503d805f8114610f24576040519150601f19603f3d011682016040523d82523d5f602084013e610f29565b606091505b509092509050811580610f585750805115801590610f58575080806020019051810190610f56919061181b565b155b15610d06576040517fc90bb86a00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8616600482015260240161075f565b73ffffffffffffffffffffffffffffffffffffffff81168114610fc8575f5ffd5b50565b5f60208284031215610fdb575f5ffd5b8135610d2681610fa7565b5f5f83601f840112610ff6575f5ffd5b50813567ffffffffffffffff81111561100d575f5ffd5b602083019150836020828501011115611024575f5ffd5b9250929050565b5f5f5f5f5f5f5f878903610140811215611043575f5ffd5b60a0811215611050575f5ffd5b5087965060a088013561106281610fa7565b955060c0880135945060e088013561107981610fa7565b935061010088013567ffffffffffffffff811115611095575f5ffd5b6110a18a828b01610fe6565b989b979a5095989497959661012090950135949350505050565b5f5f5f604084860312156110cd575f5ffd5b83359250602084013567ffffffffffffffff8111156110ea575f5ffd5b6110f686828701610fe6565b9497909650939450505050565b5f5f60208385031215611114575f5ffd5b823567ffffffffffffffff81111561112a575f5ffd5b8301601f8101851361113a575f5ffd5b803567ffffffffffffffff811115611150575f5ffd5b8560208260051b8401011115611164575f5ffd5b6020919091019590945092505050565b602080825282518282018190525f918401906040840190835b818110156111ab57835183526020938401939092019160010161118d565b509095945050505050565b5f602082840312156111c6575f5ffd5b5051919050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b6020815273ffffffffffffffffffffffffffffffffffffffff825116602082015273ffffffffffffffffffffffffffffffffffffffff602083015116604082015273ffffffffffffffffffffffffffffffffffffffff60408301511660608201525f606083015160a0608084015261127660c08401826111cd565b9050608084015160a08401528091505092915050565b803561129781610fa7565b73ffffffffffffffffffffffffffffffffffffffff16825260208101356112bd81610fa7565b73ffffffffffffffffffffffffffffffffffffffff16602083015260408101356112e681610fa7565b73ffffffffffffffffffffffffffffffffffffffff166040830152606081013561130f81610fa7565b73ffffffffffffffffffffffffffffffffffffffff166060830152608090810135910152565b61133f818661128c565b73ffffffffffffffffffffffffffffffffffffffff841660a08201528260c082015261010060e08201525f6113786101008301846111cd565b9695505050505050565b5f5f60408385031215611393575f5ffd5b505080516020909101519092909150565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b60405160a0810167ffffffffffffffff811182821017156113f4576113f46113a4565b60405290565b604051601f8201601f1916810167ffffffffffffffff81118282101715611423576114236113a4565b604052919050565b5f6020828403121561143b575f5ffd5b813567ffffffffffffffff811115611451575f5ffd5b820160a08185031215611462575f5ffd5b61146a6113d1565b813561147581610fa7565b8152602082013561148581610fa7565b6020820152604082013561149881610fa7565b6040820152606082013567ffffffffffffffff8111156114b6575f5ffd5b8201601f810186136114c6575f5ffd5b803567ffffffffffffffff8111156114e0576114e06113a4565b6114f36020601f19601f840116016113fa565b818152876020838501011115611507575f5ffd5b816020840160208301375f91810160200191909152606083015250608091820135918101919091529392505050565b73ffffffffffffffffffffffffffffffffffffffff8516815273ffffffffffffffffffffffffffffffffffffffff84166020820152826040820152608060608201525f61137860808301846111cd565b5f5f60408385031215611597575f5ffd5b825160208401519092506115aa81610fa7565b809150509250929050565b818103818111156115ed577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b92915050565b73ffffffffffffffffffffffffffffffffffffffff8716815273ffffffffffffffffffffffffffffffffffffffff8616602082015284604082015283606082015273ffffffffffffffffffffffffffffffffffffffff8316608082015260c060a08201525f61166560c08301846111cd565b98975050505050505050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b5f82357ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffec18336030181126116d0575f5ffd5b9190910192915050565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe184360301811261170d575f5ffd5b83018035915067ffffffffffffffff821115611727575f5ffd5b602001915036819003821315611024575f5ffd5b611745818961128c565b73ffffffffffffffffffffffffffffffffffffffff871660a08201528560c082015273ffffffffffffffffffffffffffffffffffffffff851660e08201526101406101008201528261014082015282846101608301375f61016084830101525f610160601f19601f86011683010190508261012083015298975050505050505050565b5f5f5f606084860312156117da575f5ffd5b5050815160208301516040909301519094929350919050565b602081525f610d2660208301846111cd565b5f82518060208501845e5f920191825250919050565b5f6020828403121561182b575f5ffd5b81518015158114610d26575f5ffd5b5f60a082840312801561184b575f5ffd5b506118546113d1565b823561185f81610fa7565b8152602083013561186f81610fa7565b6020820152604083013561188281610fa7565b6040820152606083013561189581610fa7565b6060820152608092830135928101929092525091905056fea164736f6c634300081e000a
    /// ```
    #[rustfmt::skip]
    #[allow(clippy::all)]
    pub static DEPLOYED_BYTECODE: alloy_sol_types::private::Bytes = alloy_sol_types::private::Bytes::from_static(
        b"`\x80`@R4\x80\x15a\0\x0FW__\xFD[P`\x046\x10a\0oW_5`\xE0\x1C\x80ckl\x07t\x11a\0MW\x80ckl\x07t\x14a\x01\x13W\x80c\xC7j\x97S\x14a\x01:W\x80c\xF2Md\n\x14a\x01OW__\xFD[\x80c\x01h\x1Ab\x14a\0sW\x80c\x11x\x03\xE3\x14a\0\x99W\x80cK\xFF\xC0E\x14a\0\xE5W[__\xFD[a\0\x86a\0\x816`\x04a\x0F\xCBV[a\x01oV[`@Q\x90\x81R` \x01[`@Q\x80\x91\x03\x90\xF3[a\0\xC0\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81V[`@Qs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x90\x91\x16\x81R` \x01a\0\x90V[a\0\xF8a\0\xF36`\x04a\x10+V[a\x02\xB9V[`@\x80Q\x93\x84R` \x84\x01\x92\x90\x92R\x90\x82\x01R``\x01a\0\x90V[a\0\xC0\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81V[a\x01Ma\x01H6`\x04a\x10\xBBV[a\x05FV[\0[a\x01ba\x01]6`\x04a\x11\x03V[a\x08\xBEV[`@Qa\0\x90\x91\x90a\x11tV[_3s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x14a\x01\xDFW`@Q\x7F0\xCDtq\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[`@Q\x7Fp\xA0\x821\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R0`\x04\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x16\x90cp\xA0\x821\x90`$\x01` `@Q\x80\x83\x03\x81\x86Z\xFA\x15\x80\x15a\x02GW=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x02k\x91\x90a\x11\xB6V[\x90P\x80\x15a\x02\xB4Wa\x02\xB4s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x16\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x83a\x0BQV[\x91\x90PV[_\x80\x803s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x14\x80\x15\x90a\x03\x02WP30\x14\x15[\x15a\x039W`@Q\x7F0\xCDtq\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[`@\x80Q`\xA0\x81\x01\x90\x91R_\x90\x80a\x03T` \x8E\x01\x8Ea\x0F\xCBV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x81R` \x01\x8C` \x01` \x81\x01\x90a\x03\x82\x91\x90a\x0F\xCBV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x81R` \x01\x89s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x81R` \x01\x88\x88\x80\x80`\x1F\x01` \x80\x91\x04\x02` \x01`@Q\x90\x81\x01`@R\x80\x93\x92\x91\x90\x81\x81R` \x01\x83\x83\x80\x82\x847_\x92\x01\x91\x90\x91RPPP\x90\x82RP` \x90\x81\x01\x87\x90R`@Qa\x04\x07\x92\x91\x01a\x11\xFBV[`@\x80Q`\x1F\x19\x81\x84\x03\x01\x81R\x90\x82\x90R\x7F\x87\xCB\x0FQ\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x82R\x91Ps\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x90c\x87\xCB\x0FQ\x90a\x04\x8F\x90\x8E\x90\x8E\x90\x8E\x90\x87\x90`\x04\x01a\x135V[`@\x80Q\x80\x83\x03\x81_\x87Z\xF1\x15\x80\x15a\x04\xAAW=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x04\xCE\x91\x90a\x13\x82V[\x90\x94P\x92P_\\\x91Ps\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x8A\x16a\x04\xF7\x8Ca\r\rV[`@\x80Q\x87\x81R` \x81\x01\x87\x90R\x90\x81\x01\x85\x90R\x7FG\x08\xD1!\x16\x93\xF1\xE0\xC8\xD6\xE2\xBC\xE8o\x1A\x8BfZsu\x14\xAA+\x86\xDEs\xB8\xC4\x8D\nX\x17\x90``\x01`@Q\x80\x91\x03\x90\xA3P\x97P\x97P\x97\x94PPPPPV[3s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x14a\x05\xB5W`@Q\x7F\xE2\xAA\xE0k\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[_a\x05\xC2\x82\x84\x01\x84a\x14+V[` \x81\x01Q`@Q\x7Fp\xA0\x821\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R0`\x04\x82\x01R\x91\x92P_\x91s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x90\x91\x16\x90cp\xA0\x821\x90`$\x01` `@Q\x80\x83\x03\x81\x86Z\xFA\x15\x80\x15a\x065W=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x06Y\x91\x90a\x11\xB6V[\x90P__\x83`@\x01Qs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16c\xE3\x7F\xF8\xD1\x85` \x01Q\x86_\x01Q\x86\x88``\x01Q`@Q\x85c\xFF\xFF\xFF\xFF\x16`\xE0\x1B\x81R`\x04\x01a\x06\xAB\x94\x93\x92\x91\x90a\x156V[`@\x80Q\x80\x83\x03\x81\x86Z\xFA\x15\x80\x15a\x06\xC5W=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x06\xE9\x91\x90a\x15\x86V[\x91P\x91P_\x87\x83\x11a\x06\xFBW_a\x07\x05V[a\x07\x05\x88\x84a\x15\xB5V[\x90P\x87\x83\x10\x80a\x07\x18WP\x84`\x80\x01Q\x81\x10[\x15a\x07hW`\x80\x85\x01Q`@Q\x7F\x88!_\x9C\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81Ra\x07_\x91\x83\x91`\x04\x01\x91\x82R` \x82\x01R`@\x01\x90V[`@Q\x80\x91\x03\x90\xFD[` \x85\x01Qa\x07\x8E\x90s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x83\x86a\x0BQV[`@\x80\x86\x01Q` \x87\x01Q\x87Q``\x89\x01Q\x93Q\x7F\xF6\xDC\xB9-\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x90\x93\x16\x93c\xF6\xDC\xB9-\x93a\x07\xF8\x93\x92\x91\x8A\x91\x8A\x910\x91`\x04\x01a\x15\xF3V[` `@Q\x80\x83\x03\x81_\x87Z\xF1\x15\x80\x15a\x08\x14W=__>=_\xFD[PPPP`@Q=`\x1F\x19`\x1F\x82\x01\x16\x82\x01\x80`@RP\x81\x01\x90a\x088\x91\x90a\x11\xB6V[P\x84Qa\x08f\x90\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x8Aa\r-V[\x80\x15a\x08\xAFW\x84Qa\x08\xAF\x90s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x83a\x0BQV[\x80\x80_]PPPPPPPPPV[``3s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x16\x14a\t/W`@Q\x7F0\xCDtq\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[\x81g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\tHWa\tHa\x13\xA4V[`@Q\x90\x80\x82R\x80` \x02` \x01\x82\x01`@R\x80\x15a\tqW\x81` \x01` \x82\x02\x806\x837\x01\x90P[P\x90P__[\x83\x81\x10\x15a\x0B\x12W6\x85\x85\x83\x81\x81\x10a\t\x92Wa\t\x92a\x16qV[\x90P` \x02\x81\x01\x90a\t\xA4\x91\x90a\x16\x9EV[\x90P0cK\xFF\xC0E\x82a\t\xBD`\xC0\x82\x01`\xA0\x83\x01a\x0F\xCBV[`\xC0\x85\x015a\t\xD3a\x01\0\x87\x01`\xE0\x88\x01a\x0F\xCBV[a\t\xE1a\x01\0\x88\x01\x88a\x16\xDAV[\x88a\x01 \x015`@Q\x88c\xFF\xFF\xFF\xFF\x16`\xE0\x1B\x81R`\x04\x01a\n\t\x97\x96\x95\x94\x93\x92\x91\x90a\x17;V[```@Q\x80\x83\x03\x81_\x87Z\xF1\x92PPP\x80\x15a\nCWP`@\x80Q`\x1F=\x90\x81\x01`\x1F\x19\x16\x82\x01\x90\x92Ra\n@\x91\x81\x01\x90a\x17\xC8V[`\x01[a\n\xE2W=\x80\x80\x15a\npW`@Q\x91P`\x1F\x19`?=\x01\x16\x82\x01`@R=\x82R=_` \x84\x01>a\nuV[``\x91P[Pa\n\x86`\xC0\x83\x01`\xA0\x84\x01a\x0F\xCBV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16a\n\xA5\x83a\r\rV[\x7F\x14\xC2{\x19,\x17,\0\x81\x8C\xAF\xC6Tul\xBFQ\xABN<\xDE\x1B!\xC4\x96E\xC1\x9B\xAC\xA6\xC9\xB1\x83`@Qa\n\xD4\x91\x90a\x17\xF3V[`@Q\x80\x91\x03\x90\xA3Pa\x0B\tV[\x80\x87\x86\x81Q\x81\x10a\n\xF5Wa\n\xF5a\x16qV[` \x02` \x01\x01\x81\x81RPP`\x01\x95PPPP[P`\x01\x01a\twV[P\x80a\x0BJW`@Q\x7F\xDD ^\xB6\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[P\x92\x91PPV[`@Qs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x81\x16`$\x83\x01R`D\x82\x01\x83\x90R_\x91\x82\x91\x86\x16\x90`d\x01`@\x80Q`\x1F\x19\x81\x84\x03\x01\x81R\x91\x81R` \x82\x01\x80Q{\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x7F\xA9\x05\x9C\xBB\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x17\x90RQa\x0B\xE5\x91\x90a\x18\x05V[_`@Q\x80\x83\x03\x81_\x86Z\xF1\x91PP=\x80_\x81\x14a\x0C\x1EW`@Q\x91P`\x1F\x19`?=\x01\x16\x82\x01`@R=\x82R=_` \x84\x01>a\x0C#V[``\x91P[P\x91P\x91P\x81a\x0C_W`@Q\x7F\xAC\xE2\xA4~\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[\x80Q_\x03a\x0C\xBCW\x84s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16;_\x03a\x0C\xB7W`@Q\x7F\xF0F\xA7\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[a\r\x06V[\x80\x80` \x01\x90Q\x81\x01\x90a\x0C\xD0\x91\x90a\x18\x1BV[a\r\x06W`@Q\x7F/\x04p\xFC\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81R`\x04\x01`@Q\x80\x91\x03\x90\xFD[PPPPPV[_\x80a\r\x1E6\x84\x90\x03\x84\x01\x84a\x18:V[`\xA0\x81 \x90\x91P[\x93\x92PPPV[`@Q0`$\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x81\x16`D\x83\x01R_\x91\x82\x91\x86\x16\x90`d\x01`@\x80Q`\x1F\x19\x81\x84\x03\x01\x81R\x91\x81R` \x82\x01\x80Q{\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x7F\xDDb\xED>\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x17\x90RQa\r\xC0\x91\x90a\x18\x05V[_`@Q\x80\x83\x03\x81\x85Z\xFA\x91PP=\x80_\x81\x14a\r\xF8W`@Q\x91P`\x1F\x19`?=\x01\x16\x82\x01`@R=\x82R=_` \x84\x01>a\r\xFDV[``\x91P[P\x91P\x91P\x81\x80\x15a\x0E\x11WP` \x81Q\x10\x15[\x80\x15a\x0E0WP\x82\x81\x80` \x01\x90Q\x81\x01\x90a\x0E-\x91\x90a\x11\xB6V[\x10\x15[\x15a\x0E<WPPPPPV[`@Qs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x85\x81\x16`$\x83\x01R\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF`D\x83\x01R\x86\x16\x90`d\x01`@\x80Q`\x1F\x19\x81\x84\x03\x01\x81R\x91\x81R` \x82\x01\x80Q{\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x7F\t^\xA7\xB3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x17\x90RQa\x0E\xEB\x91\x90a\x18\x05V[_`@Q\x80\x83\x03\x81_\x86Z\xF1\x91PP=\x80_\x81\x14a\x0F$W`@Q\x91P`\x1F\x19`?=\x01\x16\x82\x01`@R=\x82R=_` \x84\x01>a\x0F)V[``\x91P[P\x90\x92P\x90P\x81\x15\x80a\x0FXWP\x80Q\x15\x80\x15\x90a\x0FXWP\x80\x80` \x01\x90Q\x81\x01\x90a\x0FV\x91\x90a\x18\x1BV[\x15[\x15a\r\x06W`@Q\x7F\xC9\x0B\xB8j\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x86\x16`\x04\x82\x01R`$\x01a\x07_V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x16\x81\x14a\x0F\xC8W__\xFD[PV[_` \x82\x84\x03\x12\x15a\x0F\xDBW__\xFD[\x815a\r&\x81a\x0F\xA7V[__\x83`\x1F\x84\x01\x12a\x0F\xF6W__\xFD[P\x815g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x10\rW__\xFD[` \x83\x01\x91P\x83` \x82\x85\x01\x01\x11\x15a\x10$W__\xFD[\x92P\x92\x90PV[_______\x87\x89\x03a\x01@\x81\x12\x15a\x10CW__\xFD[`\xA0\x81\x12\x15a\x10PW__\xFD[P\x87\x96P`\xA0\x88\x015a\x10b\x81a\x0F\xA7V[\x95P`\xC0\x88\x015\x94P`\xE0\x88\x015a\x10y\x81a\x0F\xA7V[\x93Pa\x01\0\x88\x015g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x10\x95W__\xFD[a\x10\xA1\x8A\x82\x8B\x01a\x0F\xE6V[\x98\x9B\x97\x9AP\x95\x98\x94\x97\x95\x96a\x01 \x90\x95\x015\x94\x93PPPPV[___`@\x84\x86\x03\x12\x15a\x10\xCDW__\xFD[\x835\x92P` \x84\x015g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x10\xEAW__\xFD[a\x10\xF6\x86\x82\x87\x01a\x0F\xE6V[\x94\x97\x90\x96P\x93\x94PPPPV[__` \x83\x85\x03\x12\x15a\x11\x14W__\xFD[\x825g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x11*W__\xFD[\x83\x01`\x1F\x81\x01\x85\x13a\x11:W__\xFD[\x805g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x11PW__\xFD[\x85` \x82`\x05\x1B\x84\x01\x01\x11\x15a\x11dW__\xFD[` \x91\x90\x91\x01\x95\x90\x94P\x92PPPV[` \x80\x82R\x82Q\x82\x82\x01\x81\x90R_\x91\x84\x01\x90`@\x84\x01\x90\x83[\x81\x81\x10\x15a\x11\xABW\x83Q\x83R` \x93\x84\x01\x93\x90\x92\x01\x91`\x01\x01a\x11\x8DV[P\x90\x95\x94PPPPPV[_` \x82\x84\x03\x12\x15a\x11\xC6W__\xFD[PQ\x91\x90PV[_\x81Q\x80\x84R\x80` \x84\x01` \x86\x01^_` \x82\x86\x01\x01R` `\x1F\x19`\x1F\x83\x01\x16\x85\x01\x01\x91PP\x92\x91PPV[` \x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x82Q\x16` \x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF` \x83\x01Q\x16`@\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF`@\x83\x01Q\x16``\x82\x01R_``\x83\x01Q`\xA0`\x80\x84\x01Ra\x12v`\xC0\x84\x01\x82a\x11\xCDV[\x90P`\x80\x84\x01Q`\xA0\x84\x01R\x80\x91PP\x92\x91PPV[\x805a\x12\x97\x81a\x0F\xA7V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16\x82R` \x81\x015a\x12\xBD\x81a\x0F\xA7V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16` \x83\x01R`@\x81\x015a\x12\xE6\x81a\x0F\xA7V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16`@\x83\x01R``\x81\x015a\x13\x0F\x81a\x0F\xA7V[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x16``\x83\x01R`\x80\x90\x81\x015\x91\x01RV[a\x13?\x81\x86a\x12\x8CV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x84\x16`\xA0\x82\x01R\x82`\xC0\x82\x01Ra\x01\0`\xE0\x82\x01R_a\x13xa\x01\0\x83\x01\x84a\x11\xCDV[\x96\x95PPPPPPV[__`@\x83\x85\x03\x12\x15a\x13\x93W__\xFD[PP\x80Q` \x90\x91\x01Q\x90\x92\x90\x91PV[\x7FNH{q\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0_R`A`\x04R`$_\xFD[`@Q`\xA0\x81\x01g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x82\x82\x10\x17\x15a\x13\xF4Wa\x13\xF4a\x13\xA4V[`@R\x90V[`@Q`\x1F\x82\x01`\x1F\x19\x16\x81\x01g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x82\x82\x10\x17\x15a\x14#Wa\x14#a\x13\xA4V[`@R\x91\x90PV[_` \x82\x84\x03\x12\x15a\x14;W__\xFD[\x815g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x14QW__\xFD[\x82\x01`\xA0\x81\x85\x03\x12\x15a\x14bW__\xFD[a\x14ja\x13\xD1V[\x815a\x14u\x81a\x0F\xA7V[\x81R` \x82\x015a\x14\x85\x81a\x0F\xA7V[` \x82\x01R`@\x82\x015a\x14\x98\x81a\x0F\xA7V[`@\x82\x01R``\x82\x015g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x14\xB6W__\xFD[\x82\x01`\x1F\x81\x01\x86\x13a\x14\xC6W__\xFD[\x805g\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x11\x15a\x14\xE0Wa\x14\xE0a\x13\xA4V[a\x14\xF3` `\x1F\x19`\x1F\x84\x01\x16\x01a\x13\xFAV[\x81\x81R\x87` \x83\x85\x01\x01\x11\x15a\x15\x07W__\xFD[\x81` \x84\x01` \x83\x017_\x91\x81\x01` \x01\x91\x90\x91R``\x83\x01RP`\x80\x91\x82\x015\x91\x81\x01\x91\x90\x91R\x93\x92PPPV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x85\x16\x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x84\x16` \x82\x01R\x82`@\x82\x01R`\x80``\x82\x01R_a\x13x`\x80\x83\x01\x84a\x11\xCDV[__`@\x83\x85\x03\x12\x15a\x15\x97W__\xFD[\x82Q` \x84\x01Q\x90\x92Pa\x15\xAA\x81a\x0F\xA7V[\x80\x91PP\x92P\x92\x90PV[\x81\x81\x03\x81\x81\x11\x15a\x15\xEDW\x7FNH{q\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0_R`\x11`\x04R`$_\xFD[\x92\x91PPV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x87\x16\x81Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x86\x16` \x82\x01R\x84`@\x82\x01R\x83``\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x83\x16`\x80\x82\x01R`\xC0`\xA0\x82\x01R_a\x16e`\xC0\x83\x01\x84a\x11\xCDV[\x98\x97PPPPPPPPV[\x7FNH{q\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0_R`2`\x04R`$_\xFD[_\x825\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFE\xC1\x836\x03\x01\x81\x12a\x16\xD0W__\xFD[\x91\x90\x91\x01\x92\x91PPV[__\x835\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xE1\x846\x03\x01\x81\x12a\x17\rW__\xFD[\x83\x01\x805\x91Pg\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x82\x11\x15a\x17'W__\xFD[` \x01\x91P6\x81\x90\x03\x82\x13\x15a\x10$W__\xFD[a\x17E\x81\x89a\x12\x8CV[s\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x87\x16`\xA0\x82\x01R\x85`\xC0\x82\x01Rs\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x85\x16`\xE0\x82\x01Ra\x01@a\x01\0\x82\x01R\x82a\x01@\x82\x01R\x82\x84a\x01`\x83\x017_a\x01`\x84\x83\x01\x01R_a\x01``\x1F\x19`\x1F\x86\x01\x16\x83\x01\x01\x90P\x82a\x01 \x83\x01R\x98\x97PPPPPPPPV[___``\x84\x86\x03\x12\x15a\x17\xDAW__\xFD[PP\x81Q` \x83\x01Q`@\x90\x93\x01Q\x90\x94\x92\x93P\x91\x90PV[` \x81R_a\r&` \x83\x01\x84a\x11\xCDV[_\x82Q\x80` \x85\x01\x84^_\x92\x01\x91\x82RP\x91\x90PV[_` \x82\x84\x03\x12\x15a\x18+W__\xFD[\x81Q\x80\x15\x15\x81\x14a\r&W__\xFD[_`\xA0\x82\x84\x03\x12\x80\x15a\x18KW__\xFD[Pa\x18Ta\x13\xD1V[\x825a\x18_\x81a\x0F\xA7V[\x81R` \x83\x015a\x18o\x81a\x0F\xA7V[` \x82\x01R`@\x83\x015a\x18\x82\x81a\x0F\xA7V[`@\x82\x01R``\x83\x015a\x18\x95\x81a\x0F\xA7V[``\x82\x01R`\x80\x92\x83\x015\x92\x81\x01\x92\x90\x92RP\x91\x90PV\xFE\xA1dsolcC\0\x08\x1E\0\n",
    );
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct Id(alloy::sol_types::private::FixedBytes<32>);
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[automatically_derived]
        impl alloy_sol_types::private::SolTypeValue<Id>
        for alloy::sol_types::private::FixedBytes<32> {
            #[inline]
            fn stv_to_tokens(
                &self,
            ) -> <alloy::sol_types::sol_data::FixedBytes<
                32,
            > as alloy_sol_types::SolType>::Token<'_> {
                alloy_sol_types::private::SolTypeValue::<
                    alloy::sol_types::sol_data::FixedBytes<32>,
                >::stv_to_tokens(self)
            }
            #[inline]
            fn stv_eip712_data_word(&self) -> alloy_sol_types::Word {
                <alloy::sol_types::sol_data::FixedBytes<
                    32,
                > as alloy_sol_types::SolType>::tokenize(self)
                    .0
            }
            #[inline]
            fn stv_abi_encode_packed_to(
                &self,
                out: &mut alloy_sol_types::private::Vec<u8>,
            ) {
                <alloy::sol_types::sol_data::FixedBytes<
                    32,
                > as alloy_sol_types::SolType>::abi_encode_packed_to(self, out)
            }
            #[inline]
            fn stv_abi_packed_encoded_size(&self) -> usize {
                <alloy::sol_types::sol_data::FixedBytes<
                    32,
                > as alloy_sol_types::SolType>::abi_encoded_size(self)
            }
        }
        impl Id {
            /// The Solidity type name.
            pub const NAME: &'static str = stringify!(@ name);
            /// Convert from the underlying value type.
            #[inline]
            pub const fn from_underlying(
                value: alloy::sol_types::private::FixedBytes<32>,
            ) -> Self {
                Self(value)
            }
            /// Return the underlying value.
            #[inline]
            pub const fn into_underlying(
                self,
            ) -> alloy::sol_types::private::FixedBytes<32> {
                self.0
            }
            /// Return the single encoding of this value, delegating to the
            /// underlying type.
            #[inline]
            pub fn abi_encode(&self) -> alloy_sol_types::private::Vec<u8> {
                <Self as alloy_sol_types::SolType>::abi_encode(&self.0)
            }
            /// Return the packed encoding of this value, delegating to the
            /// underlying type.
            #[inline]
            pub fn abi_encode_packed(&self) -> alloy_sol_types::private::Vec<u8> {
                <Self as alloy_sol_types::SolType>::abi_encode_packed(&self.0)
            }
        }
        #[automatically_derived]
        impl From<alloy::sol_types::private::FixedBytes<32>> for Id {
            fn from(value: alloy::sol_types::private::FixedBytes<32>) -> Self {
                Self::from_underlying(value)
            }
        }
        #[automatically_derived]
        impl From<Id> for alloy::sol_types::private::FixedBytes<32> {
            fn from(value: Id) -> Self {
                value.into_underlying()
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolType for Id {
            type RustType = alloy::sol_types::private::FixedBytes<32>;
            type Token<'a> = <alloy::sol_types::sol_data::FixedBytes<
                32,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SOL_NAME: &'static str = Self::NAME;
            const ENCODED_SIZE: Option<usize> = <alloy::sol_types::sol_data::FixedBytes<
                32,
            > as alloy_sol_types::SolType>::ENCODED_SIZE;
            const PACKED_ENCODED_SIZE: Option<usize> = <alloy::sol_types::sol_data::FixedBytes<
                32,
            > as alloy_sol_types::SolType>::PACKED_ENCODED_SIZE;
            #[inline]
            fn valid_token(token: &Self::Token<'_>) -> bool {
                Self::type_check(token).is_ok()
            }
            #[inline]
            fn type_check(token: &Self::Token<'_>) -> alloy_sol_types::Result<()> {
                <alloy::sol_types::sol_data::FixedBytes<
                    32,
                > as alloy_sol_types::SolType>::type_check(token)
            }
            #[inline]
            fn detokenize(token: Self::Token<'_>) -> Self::RustType {
                <alloy::sol_types::sol_data::FixedBytes<
                    32,
                > as alloy_sol_types::SolType>::detokenize(token)
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::EventTopic for Id {
            #[inline]
            fn topic_preimage_length(rust: &Self::RustType) -> usize {
                <alloy::sol_types::sol_data::FixedBytes<
                    32,
                > as alloy_sol_types::EventTopic>::topic_preimage_length(rust)
            }
            #[inline]
            fn encode_topic_preimage(
                rust: &Self::RustType,
                out: &mut alloy_sol_types::private::Vec<u8>,
            ) {
                <alloy::sol_types::sol_data::FixedBytes<
                    32,
                > as alloy_sol_types::EventTopic>::encode_topic_preimage(rust, out)
            }
            #[inline]
            fn encode_topic(
                rust: &Self::RustType,
            ) -> alloy_sol_types::abi::token::WordToken {
                <alloy::sol_types::sol_data::FixedBytes<
                    32,
                > as alloy_sol_types::EventTopic>::encode_topic(rust)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**```solidity
struct MarketParams { address loanToken; address collateralToken; address oracle; address rateModel; uint256 lltv; }
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct MarketParams {
        #[allow(missing_docs)]
        pub loanToken: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub collateralToken: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub oracle: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub rateModel: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub lltv: alloy::sol_types::private::primitives::aliases::U256,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = (
            alloy::sol_types::sol_data::Address,
            alloy::sol_types::sol_data::Address,
            alloy::sol_types::sol_data::Address,
            alloy::sol_types::sol_data::Address,
            alloy::sol_types::sol_data::Uint<256>,
        );
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = (
            alloy::sol_types::private::Address,
            alloy::sol_types::private::Address,
            alloy::sol_types::private::Address,
            alloy::sol_types::private::Address,
            alloy::sol_types::private::primitives::aliases::U256,
        );
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<MarketParams> for UnderlyingRustTuple<'_> {
            fn from(value: MarketParams) -> Self {
                (
                    value.loanToken,
                    value.collateralToken,
                    value.oracle,
                    value.rateModel,
                    value.lltv,
                )
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for MarketParams {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self {
                    loanToken: tuple.0,
                    collateralToken: tuple.1,
                    oracle: tuple.2,
                    rateModel: tuple.3,
                    lltv: tuple.4,
                }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolValue for MarketParams {
            type SolType = Self;
        }
        #[automatically_derived]
        impl alloy_sol_types::private::SolTypeValue<Self> for MarketParams {
            #[inline]
            fn stv_to_tokens(&self) -> <Self as alloy_sol_types::SolType>::Token<'_> {
                (
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.loanToken,
                    ),
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.collateralToken,
                    ),
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.oracle,
                    ),
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.rateModel,
                    ),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.lltv),
                )
            }
            #[inline]
            fn stv_abi_encoded_size(&self) -> usize {
                if let Some(size) = <Self as alloy_sol_types::SolType>::ENCODED_SIZE {
                    return size;
                }
                let tuple = <UnderlyingRustTuple<
                    '_,
                > as ::core::convert::From<Self>>::from(self.clone());
                <UnderlyingSolTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_encoded_size(&tuple)
            }
            #[inline]
            fn stv_eip712_data_word(&self) -> alloy_sol_types::Word {
                <Self as alloy_sol_types::SolStruct>::eip712_hash_struct(self)
            }
            #[inline]
            fn stv_abi_encode_packed_to(
                &self,
                out: &mut alloy_sol_types::private::Vec<u8>,
            ) {
                let tuple = <UnderlyingRustTuple<
                    '_,
                > as ::core::convert::From<Self>>::from(self.clone());
                <UnderlyingSolTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_encode_packed_to(&tuple, out)
            }
            #[inline]
            fn stv_abi_packed_encoded_size(&self) -> usize {
                if let Some(size) = <Self as alloy_sol_types::SolType>::PACKED_ENCODED_SIZE {
                    return size;
                }
                let tuple = <UnderlyingRustTuple<
                    '_,
                > as ::core::convert::From<Self>>::from(self.clone());
                <UnderlyingSolTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_packed_encoded_size(&tuple)
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolType for MarketParams {
            type RustType = Self;
            type Token<'a> = <UnderlyingSolTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SOL_NAME: &'static str = <Self as alloy_sol_types::SolStruct>::NAME;
            const ENCODED_SIZE: Option<usize> = <UnderlyingSolTuple<
                '_,
            > as alloy_sol_types::SolType>::ENCODED_SIZE;
            const PACKED_ENCODED_SIZE: Option<usize> = <UnderlyingSolTuple<
                '_,
            > as alloy_sol_types::SolType>::PACKED_ENCODED_SIZE;
            #[inline]
            fn valid_token(token: &Self::Token<'_>) -> bool {
                <UnderlyingSolTuple<'_> as alloy_sol_types::SolType>::valid_token(token)
            }
            #[inline]
            fn detokenize(token: Self::Token<'_>) -> Self::RustType {
                let tuple = <UnderlyingSolTuple<
                    '_,
                > as alloy_sol_types::SolType>::detokenize(token);
                <Self as ::core::convert::From<UnderlyingRustTuple<'_>>>::from(tuple)
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolStruct for MarketParams {
            const NAME: &'static str = "MarketParams";
            #[inline]
            fn eip712_root_type() -> alloy_sol_types::private::Cow<'static, str> {
                alloy_sol_types::private::Cow::Borrowed(
                    "MarketParams(address loanToken,address collateralToken,address oracle,address rateModel,uint256 lltv)",
                )
            }
            #[inline]
            fn eip712_components() -> alloy_sol_types::private::Vec<
                alloy_sol_types::private::Cow<'static, str>,
            > {
                alloy_sol_types::private::Vec::new()
            }
            #[inline]
            fn eip712_encode_type() -> alloy_sol_types::private::Cow<'static, str> {
                <Self as alloy_sol_types::SolStruct>::eip712_root_type()
            }
            #[inline]
            fn eip712_encode_data(&self) -> alloy_sol_types::private::Vec<u8> {
                [
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::eip712_data_word(
                            &self.loanToken,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::eip712_data_word(
                            &self.collateralToken,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::eip712_data_word(
                            &self.oracle,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::eip712_data_word(
                            &self.rateModel,
                        )
                        .0,
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::eip712_data_word(&self.lltv)
                        .0,
                ]
                    .concat()
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::EventTopic for MarketParams {
            #[inline]
            fn topic_preimage_length(rust: &Self::RustType) -> usize {
                0usize
                    + <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.loanToken,
                    )
                    + <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.collateralToken,
                    )
                    + <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.oracle,
                    )
                    + <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::topic_preimage_length(
                        &rust.rateModel,
                    )
                    + <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::EventTopic>::topic_preimage_length(&rust.lltv)
            }
            #[inline]
            fn encode_topic_preimage(
                rust: &Self::RustType,
                out: &mut alloy_sol_types::private::Vec<u8>,
            ) {
                out.reserve(
                    <Self as alloy_sol_types::EventTopic>::topic_preimage_length(rust),
                );
                <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.loanToken,
                    out,
                );
                <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.collateralToken,
                    out,
                );
                <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.oracle,
                    out,
                );
                <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.rateModel,
                    out,
                );
                <alloy::sol_types::sol_data::Uint<
                    256,
                > as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    &rust.lltv,
                    out,
                );
            }
            #[inline]
            fn encode_topic(
                rust: &Self::RustType,
            ) -> alloy_sol_types::abi::token::WordToken {
                let mut out = alloy_sol_types::private::Vec::new();
                <Self as alloy_sol_types::EventTopic>::encode_topic_preimage(
                    rust,
                    &mut out,
                );
                alloy_sol_types::abi::token::WordToken(
                    alloy_sol_types::private::keccak256(out),
                )
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Custom error with signature `ApproveFailed(address)` and selector `0xc90bb86a`.
```solidity
error ApproveFailed(address token);
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct ApproveFailed {
        #[allow(missing_docs)]
        pub token: alloy::sol_types::private::Address,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = (alloy::sol_types::sol_data::Address,);
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = (alloy::sol_types::private::Address,);
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<ApproveFailed> for UnderlyingRustTuple<'_> {
            fn from(value: ApproveFailed) -> Self {
                (value.token,)
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for ApproveFailed {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self { token: tuple.0 }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolError for ApproveFailed {
            type Parameters<'a> = UnderlyingSolTuple<'a>;
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "ApproveFailed(address)";
            const SELECTOR: [u8; 4] = [201u8, 11u8, 184u8, 106u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                (
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.token,
                    ),
                )
            }
            #[inline]
            fn abi_decode_raw_validate(data: &[u8]) -> alloy_sol_types::Result<Self> {
                <Self::Parameters<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Self::new)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Custom error with signature `NoCode()` and selector `0xf046a714`.
```solidity
error NoCode();
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct NoCode;
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = ();
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = ();
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<NoCode> for UnderlyingRustTuple<'_> {
            fn from(value: NoCode) -> Self {
                ()
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for NoCode {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolError for NoCode {
            type Parameters<'a> = UnderlyingSolTuple<'a>;
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "NoCode()";
            const SELECTOR: [u8; 4] = [240u8, 70u8, 167u8, 20u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                ()
            }
            #[inline]
            fn abi_decode_raw_validate(data: &[u8]) -> alloy_sol_types::Result<Self> {
                <Self::Parameters<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Self::new)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Custom error with signature `NotCore()` and selector `0xe2aae06b`.
```solidity
error NotCore();
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct NotCore;
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = ();
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = ();
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<NotCore> for UnderlyingRustTuple<'_> {
            fn from(value: NotCore) -> Self {
                ()
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for NotCore {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolError for NotCore {
            type Parameters<'a> = UnderlyingSolTuple<'a>;
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "NotCore()";
            const SELECTOR: [u8; 4] = [226u8, 170u8, 224u8, 107u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                ()
            }
            #[inline]
            fn abi_decode_raw_validate(data: &[u8]) -> alloy_sol_types::Result<Self> {
                <Self::Parameters<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Self::new)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Custom error with signature `NotOwner()` and selector `0x30cd7471`.
```solidity
error NotOwner();
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct NotOwner;
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = ();
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = ();
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<NotOwner> for UnderlyingRustTuple<'_> {
            fn from(value: NotOwner) -> Self {
                ()
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for NotOwner {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolError for NotOwner {
            type Parameters<'a> = UnderlyingSolTuple<'a>;
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "NotOwner()";
            const SELECTOR: [u8; 4] = [48u8, 205u8, 116u8, 113u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                ()
            }
            #[inline]
            fn abi_decode_raw_validate(data: &[u8]) -> alloy_sol_types::Result<Self> {
                <Self::Parameters<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Self::new)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Custom error with signature `NothingLiquidated()` and selector `0xdd205eb6`.
```solidity
error NothingLiquidated();
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct NothingLiquidated;
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = ();
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = ();
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<NothingLiquidated> for UnderlyingRustTuple<'_> {
            fn from(value: NothingLiquidated) -> Self {
                ()
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for NothingLiquidated {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolError for NothingLiquidated {
            type Parameters<'a> = UnderlyingSolTuple<'a>;
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "NothingLiquidated()";
            const SELECTOR: [u8; 4] = [221u8, 32u8, 94u8, 182u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                ()
            }
            #[inline]
            fn abi_decode_raw_validate(data: &[u8]) -> alloy_sol_types::Result<Self> {
                <Self::Parameters<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Self::new)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Custom error with signature `ProfitTooLow(uint256,uint256)` and selector `0x88215f9c`.
```solidity
error ProfitTooLow(uint256 profit, uint256 minProfit);
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct ProfitTooLow {
        #[allow(missing_docs)]
        pub profit: alloy::sol_types::private::primitives::aliases::U256,
        #[allow(missing_docs)]
        pub minProfit: alloy::sol_types::private::primitives::aliases::U256,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = (
            alloy::sol_types::sol_data::Uint<256>,
            alloy::sol_types::sol_data::Uint<256>,
        );
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = (
            alloy::sol_types::private::primitives::aliases::U256,
            alloy::sol_types::private::primitives::aliases::U256,
        );
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<ProfitTooLow> for UnderlyingRustTuple<'_> {
            fn from(value: ProfitTooLow) -> Self {
                (value.profit, value.minProfit)
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for ProfitTooLow {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self {
                    profit: tuple.0,
                    minProfit: tuple.1,
                }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolError for ProfitTooLow {
            type Parameters<'a> = UnderlyingSolTuple<'a>;
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "ProfitTooLow(uint256,uint256)";
            const SELECTOR: [u8; 4] = [136u8, 33u8, 95u8, 156u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                (
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.profit),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.minProfit),
                )
            }
            #[inline]
            fn abi_decode_raw_validate(data: &[u8]) -> alloy_sol_types::Result<Self> {
                <Self::Parameters<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Self::new)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Custom error with signature `TransferReturnedFalse()` and selector `0x2f0470fc`.
```solidity
error TransferReturnedFalse();
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct TransferReturnedFalse;
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = ();
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = ();
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<TransferReturnedFalse> for UnderlyingRustTuple<'_> {
            fn from(value: TransferReturnedFalse) -> Self {
                ()
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for TransferReturnedFalse {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolError for TransferReturnedFalse {
            type Parameters<'a> = UnderlyingSolTuple<'a>;
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "TransferReturnedFalse()";
            const SELECTOR: [u8; 4] = [47u8, 4u8, 112u8, 252u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                ()
            }
            #[inline]
            fn abi_decode_raw_validate(data: &[u8]) -> alloy_sol_types::Result<Self> {
                <Self::Parameters<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Self::new)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Custom error with signature `TransferReverted()` and selector `0xace2a47e`.
```solidity
error TransferReverted();
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct TransferReverted;
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[doc(hidden)]
        #[allow(dead_code)]
        type UnderlyingSolTuple<'a> = ();
        #[doc(hidden)]
        type UnderlyingRustTuple<'a> = ();
        #[cfg(test)]
        #[allow(dead_code, unreachable_patterns)]
        fn _type_assertion(
            _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
        ) {
            match _t {
                alloy_sol_types::private::AssertTypeEq::<
                    <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                >(_) => {}
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<TransferReverted> for UnderlyingRustTuple<'_> {
            fn from(value: TransferReverted) -> Self {
                ()
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        impl ::core::convert::From<UnderlyingRustTuple<'_>> for TransferReverted {
            fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                Self
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolError for TransferReverted {
            type Parameters<'a> = UnderlyingSolTuple<'a>;
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "TransferReverted()";
            const SELECTOR: [u8; 4] = [172u8, 226u8, 164u8, 126u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                ()
            }
            #[inline]
            fn abi_decode_raw_validate(data: &[u8]) -> alloy_sol_types::Result<Self> {
                <Self::Parameters<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Self::new)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Event with signature `Liquidated(bytes32,address,uint256,uint256,uint256)` and selector `0x4708d1211693f1e0c8d6e2bce86f1a8b665a737514aa2b86de73b8c48d0a5817`.
```solidity
event Liquidated(Id indexed id, address indexed borrower, uint256 repaidAssets, uint256 seizedAssets, uint256 profit);
```*/
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    #[derive(Clone)]
    pub struct Liquidated {
        #[allow(missing_docs)]
        pub id: <Id as alloy::sol_types::SolType>::RustType,
        #[allow(missing_docs)]
        pub borrower: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub repaidAssets: alloy::sol_types::private::primitives::aliases::U256,
        #[allow(missing_docs)]
        pub seizedAssets: alloy::sol_types::private::primitives::aliases::U256,
        #[allow(missing_docs)]
        pub profit: alloy::sol_types::private::primitives::aliases::U256,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[automatically_derived]
        impl alloy_sol_types::SolEvent for Liquidated {
            type DataTuple<'a> = (
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Uint<256>,
            );
            type DataToken<'a> = <Self::DataTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            type TopicList = (
                alloy_sol_types::sol_data::FixedBytes<32>,
                Id,
                alloy::sol_types::sol_data::Address,
            );
            const SIGNATURE: &'static str = "Liquidated(bytes32,address,uint256,uint256,uint256)";
            const SIGNATURE_HASH: alloy_sol_types::private::B256 = alloy_sol_types::private::B256::new([
                71u8, 8u8, 209u8, 33u8, 22u8, 147u8, 241u8, 224u8, 200u8, 214u8, 226u8,
                188u8, 232u8, 111u8, 26u8, 139u8, 102u8, 90u8, 115u8, 117u8, 20u8, 170u8,
                43u8, 134u8, 222u8, 115u8, 184u8, 196u8, 141u8, 10u8, 88u8, 23u8,
            ]);
            const ANONYMOUS: bool = false;
            #[allow(unused_variables)]
            #[inline]
            fn new(
                topics: <Self::TopicList as alloy_sol_types::SolType>::RustType,
                data: <Self::DataTuple<'_> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                Self {
                    id: topics.1,
                    borrower: topics.2,
                    repaidAssets: data.0,
                    seizedAssets: data.1,
                    profit: data.2,
                }
            }
            #[inline]
            fn check_signature(
                topics: &<Self::TopicList as alloy_sol_types::SolType>::RustType,
            ) -> alloy_sol_types::Result<()> {
                if topics.0 != Self::SIGNATURE_HASH {
                    return Err(
                        alloy_sol_types::Error::invalid_event_signature_hash(
                            Self::SIGNATURE,
                            topics.0,
                            Self::SIGNATURE_HASH,
                        ),
                    );
                }
                Ok(())
            }
            #[inline]
            fn tokenize_body(&self) -> Self::DataToken<'_> {
                (
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.repaidAssets),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.seizedAssets),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.profit),
                )
            }
            #[inline]
            fn topics(&self) -> <Self::TopicList as alloy_sol_types::SolType>::RustType {
                (Self::SIGNATURE_HASH.into(), self.id.clone(), self.borrower.clone())
            }
            #[inline]
            fn encode_topics_raw(
                &self,
                out: &mut [alloy_sol_types::abi::token::WordToken],
            ) -> alloy_sol_types::Result<()> {
                if out.len() < <Self::TopicList as alloy_sol_types::TopicList>::COUNT {
                    return Err(alloy_sol_types::Error::Overrun);
                }
                out[0usize] = alloy_sol_types::abi::token::WordToken(
                    Self::SIGNATURE_HASH,
                );
                out[1usize] = <Id as alloy_sol_types::EventTopic>::encode_topic(
                    &self.id,
                );
                out[2usize] = <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::encode_topic(
                    &self.borrower,
                );
                Ok(())
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::private::IntoLogData for Liquidated {
            fn to_log_data(&self) -> alloy_sol_types::private::LogData {
                From::from(self)
            }
            fn into_log_data(self) -> alloy_sol_types::private::LogData {
                From::from(&self)
            }
        }
        #[automatically_derived]
        impl From<&Liquidated> for alloy_sol_types::private::LogData {
            #[inline]
            fn from(this: &Liquidated) -> alloy_sol_types::private::LogData {
                alloy_sol_types::SolEvent::encode_log_data(this)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Event with signature `LiquidationSkipped(bytes32,address,bytes)` and selector `0x14c27b192c172c00818cafc654756cbf51ab4e3cde1b21c49645c19baca6c9b1`.
```solidity
event LiquidationSkipped(Id indexed id, address indexed borrower, bytes reason);
```*/
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    #[derive(Clone)]
    pub struct LiquidationSkipped {
        #[allow(missing_docs)]
        pub id: <Id as alloy::sol_types::SolType>::RustType,
        #[allow(missing_docs)]
        pub borrower: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub reason: alloy::sol_types::private::Bytes,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        #[automatically_derived]
        impl alloy_sol_types::SolEvent for LiquidationSkipped {
            type DataTuple<'a> = (alloy::sol_types::sol_data::Bytes,);
            type DataToken<'a> = <Self::DataTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            type TopicList = (
                alloy_sol_types::sol_data::FixedBytes<32>,
                Id,
                alloy::sol_types::sol_data::Address,
            );
            const SIGNATURE: &'static str = "LiquidationSkipped(bytes32,address,bytes)";
            const SIGNATURE_HASH: alloy_sol_types::private::B256 = alloy_sol_types::private::B256::new([
                20u8, 194u8, 123u8, 25u8, 44u8, 23u8, 44u8, 0u8, 129u8, 140u8, 175u8,
                198u8, 84u8, 117u8, 108u8, 191u8, 81u8, 171u8, 78u8, 60u8, 222u8, 27u8,
                33u8, 196u8, 150u8, 69u8, 193u8, 155u8, 172u8, 166u8, 201u8, 177u8,
            ]);
            const ANONYMOUS: bool = false;
            #[allow(unused_variables)]
            #[inline]
            fn new(
                topics: <Self::TopicList as alloy_sol_types::SolType>::RustType,
                data: <Self::DataTuple<'_> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                Self {
                    id: topics.1,
                    borrower: topics.2,
                    reason: data.0,
                }
            }
            #[inline]
            fn check_signature(
                topics: &<Self::TopicList as alloy_sol_types::SolType>::RustType,
            ) -> alloy_sol_types::Result<()> {
                if topics.0 != Self::SIGNATURE_HASH {
                    return Err(
                        alloy_sol_types::Error::invalid_event_signature_hash(
                            Self::SIGNATURE,
                            topics.0,
                            Self::SIGNATURE_HASH,
                        ),
                    );
                }
                Ok(())
            }
            #[inline]
            fn tokenize_body(&self) -> Self::DataToken<'_> {
                (
                    <alloy::sol_types::sol_data::Bytes as alloy_sol_types::SolType>::tokenize(
                        &self.reason,
                    ),
                )
            }
            #[inline]
            fn topics(&self) -> <Self::TopicList as alloy_sol_types::SolType>::RustType {
                (Self::SIGNATURE_HASH.into(), self.id.clone(), self.borrower.clone())
            }
            #[inline]
            fn encode_topics_raw(
                &self,
                out: &mut [alloy_sol_types::abi::token::WordToken],
            ) -> alloy_sol_types::Result<()> {
                if out.len() < <Self::TopicList as alloy_sol_types::TopicList>::COUNT {
                    return Err(alloy_sol_types::Error::Overrun);
                }
                out[0usize] = alloy_sol_types::abi::token::WordToken(
                    Self::SIGNATURE_HASH,
                );
                out[1usize] = <Id as alloy_sol_types::EventTopic>::encode_topic(
                    &self.id,
                );
                out[2usize] = <alloy::sol_types::sol_data::Address as alloy_sol_types::EventTopic>::encode_topic(
                    &self.borrower,
                );
                Ok(())
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::private::IntoLogData for LiquidationSkipped {
            fn to_log_data(&self) -> alloy_sol_types::private::LogData {
                From::from(self)
            }
            fn into_log_data(self) -> alloy_sol_types::private::LogData {
                From::from(&self)
            }
        }
        #[automatically_derived]
        impl From<&LiquidationSkipped> for alloy_sol_types::private::LogData {
            #[inline]
            fn from(this: &LiquidationSkipped) -> alloy_sol_types::private::LogData {
                alloy_sol_types::SolEvent::encode_log_data(this)
            }
        }
    };
    /**Constructor`.
```solidity
constructor(address core, address owner);
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct constructorCall {
        #[allow(missing_docs)]
        pub core: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub owner: alloy::sol_types::private::Address,
    }
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (
                alloy::sol_types::sol_data::Address,
                alloy::sol_types::sol_data::Address,
            );
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (
                alloy::sol_types::private::Address,
                alloy::sol_types::private::Address,
            );
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<constructorCall> for UnderlyingRustTuple<'_> {
                fn from(value: constructorCall) -> Self {
                    (value.core, value.owner)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for constructorCall {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self {
                        core: tuple.0,
                        owner: tuple.1,
                    }
                }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolConstructor for constructorCall {
            type Parameters<'a> = (
                alloy::sol_types::sol_data::Address,
                alloy::sol_types::sol_data::Address,
            );
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                (
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.core,
                    ),
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.owner,
                    ),
                )
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Function with signature `CORE()` and selector `0x6b6c0774`.
```solidity
function CORE() external view returns (address);
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct CORECall;
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    ///Container type for the return parameters of the [`CORE()`](CORECall) function.
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct COREReturn {
        #[allow(missing_docs)]
        pub _0: alloy::sol_types::private::Address,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = ();
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = ();
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<CORECall> for UnderlyingRustTuple<'_> {
                fn from(value: CORECall) -> Self {
                    ()
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for CORECall {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self
                }
            }
        }
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (alloy::sol_types::sol_data::Address,);
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (alloy::sol_types::private::Address,);
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<COREReturn> for UnderlyingRustTuple<'_> {
                fn from(value: COREReturn) -> Self {
                    (value._0,)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for COREReturn {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self { _0: tuple.0 }
                }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolCall for CORECall {
            type Parameters<'a> = ();
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            type Return = alloy::sol_types::private::Address;
            type ReturnTuple<'a> = (alloy::sol_types::sol_data::Address,);
            type ReturnToken<'a> = <Self::ReturnTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "CORE()";
            const SELECTOR: [u8; 4] = [107u8, 108u8, 7u8, 116u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                ()
            }
            #[inline]
            fn tokenize_returns(ret: &Self::Return) -> Self::ReturnToken<'_> {
                (
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        ret,
                    ),
                )
            }
            #[inline]
            fn abi_decode_returns(data: &[u8]) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence(data)
                    .map(|r| {
                        let r: COREReturn = r.into();
                        r._0
                    })
            }
            #[inline]
            fn abi_decode_returns_validate(
                data: &[u8],
            ) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(|r| {
                        let r: COREReturn = r.into();
                        r._0
                    })
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Function with signature `OWNER()` and selector `0x117803e3`.
```solidity
function OWNER() external view returns (address);
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct OWNERCall;
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    ///Container type for the return parameters of the [`OWNER()`](OWNERCall) function.
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct OWNERReturn {
        #[allow(missing_docs)]
        pub _0: alloy::sol_types::private::Address,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = ();
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = ();
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<OWNERCall> for UnderlyingRustTuple<'_> {
                fn from(value: OWNERCall) -> Self {
                    ()
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for OWNERCall {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self
                }
            }
        }
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (alloy::sol_types::sol_data::Address,);
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (alloy::sol_types::private::Address,);
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<OWNERReturn> for UnderlyingRustTuple<'_> {
                fn from(value: OWNERReturn) -> Self {
                    (value._0,)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for OWNERReturn {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self { _0: tuple.0 }
                }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolCall for OWNERCall {
            type Parameters<'a> = ();
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            type Return = alloy::sol_types::private::Address;
            type ReturnTuple<'a> = (alloy::sol_types::sol_data::Address,);
            type ReturnToken<'a> = <Self::ReturnTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "OWNER()";
            const SELECTOR: [u8; 4] = [17u8, 120u8, 3u8, 227u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                ()
            }
            #[inline]
            fn tokenize_returns(ret: &Self::Return) -> Self::ReturnToken<'_> {
                (
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        ret,
                    ),
                )
            }
            #[inline]
            fn abi_decode_returns(data: &[u8]) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence(data)
                    .map(|r| {
                        let r: OWNERReturn = r.into();
                        r._0
                    })
            }
            #[inline]
            fn abi_decode_returns_validate(
                data: &[u8],
            ) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(|r| {
                        let r: OWNERReturn = r.into();
                        r._0
                    })
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Function with signature `liquidate((address,address,address,address,uint256),address,uint256,address,bytes,uint256)` and selector `0x4bffc045`.
```solidity
function liquidate(MarketParams memory marketParams, address borrower, uint256 maxRepayAssets, address adapter, bytes memory swapData, uint256 minProfit) external returns (uint256 repaidAssets, uint256 seizedAssets, uint256 profit);
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct liquidateCall {
        #[allow(missing_docs)]
        pub marketParams: <MarketParams as alloy::sol_types::SolType>::RustType,
        #[allow(missing_docs)]
        pub borrower: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub maxRepayAssets: alloy::sol_types::private::primitives::aliases::U256,
        #[allow(missing_docs)]
        pub adapter: alloy::sol_types::private::Address,
        #[allow(missing_docs)]
        pub swapData: alloy::sol_types::private::Bytes,
        #[allow(missing_docs)]
        pub minProfit: alloy::sol_types::private::primitives::aliases::U256,
    }
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    ///Container type for the return parameters of the [`liquidate((address,address,address,address,uint256),address,uint256,address,bytes,uint256)`](liquidateCall) function.
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct liquidateReturn {
        #[allow(missing_docs)]
        pub repaidAssets: alloy::sol_types::private::primitives::aliases::U256,
        #[allow(missing_docs)]
        pub seizedAssets: alloy::sol_types::private::primitives::aliases::U256,
        #[allow(missing_docs)]
        pub profit: alloy::sol_types::private::primitives::aliases::U256,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (
                MarketParams,
                alloy::sol_types::sol_data::Address,
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Address,
                alloy::sol_types::sol_data::Bytes,
                alloy::sol_types::sol_data::Uint<256>,
            );
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (
                <MarketParams as alloy::sol_types::SolType>::RustType,
                alloy::sol_types::private::Address,
                alloy::sol_types::private::primitives::aliases::U256,
                alloy::sol_types::private::Address,
                alloy::sol_types::private::Bytes,
                alloy::sol_types::private::primitives::aliases::U256,
            );
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<liquidateCall> for UnderlyingRustTuple<'_> {
                fn from(value: liquidateCall) -> Self {
                    (
                        value.marketParams,
                        value.borrower,
                        value.maxRepayAssets,
                        value.adapter,
                        value.swapData,
                        value.minProfit,
                    )
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for liquidateCall {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self {
                        marketParams: tuple.0,
                        borrower: tuple.1,
                        maxRepayAssets: tuple.2,
                        adapter: tuple.3,
                        swapData: tuple.4,
                        minProfit: tuple.5,
                    }
                }
            }
        }
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Uint<256>,
            );
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (
                alloy::sol_types::private::primitives::aliases::U256,
                alloy::sol_types::private::primitives::aliases::U256,
                alloy::sol_types::private::primitives::aliases::U256,
            );
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<liquidateReturn> for UnderlyingRustTuple<'_> {
                fn from(value: liquidateReturn) -> Self {
                    (value.repaidAssets, value.seizedAssets, value.profit)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for liquidateReturn {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self {
                        repaidAssets: tuple.0,
                        seizedAssets: tuple.1,
                        profit: tuple.2,
                    }
                }
            }
        }
        impl liquidateReturn {
            fn _tokenize(
                &self,
            ) -> <liquidateCall as alloy_sol_types::SolCall>::ReturnToken<'_> {
                (
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.repaidAssets),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.seizedAssets),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.profit),
                )
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolCall for liquidateCall {
            type Parameters<'a> = (
                MarketParams,
                alloy::sol_types::sol_data::Address,
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Address,
                alloy::sol_types::sol_data::Bytes,
                alloy::sol_types::sol_data::Uint<256>,
            );
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            type Return = liquidateReturn;
            type ReturnTuple<'a> = (
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Uint<256>,
            );
            type ReturnToken<'a> = <Self::ReturnTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "liquidate((address,address,address,address,uint256),address,uint256,address,bytes,uint256)";
            const SELECTOR: [u8; 4] = [75u8, 255u8, 192u8, 69u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                (
                    <MarketParams as alloy_sol_types::SolType>::tokenize(
                        &self.marketParams,
                    ),
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.borrower,
                    ),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.maxRepayAssets),
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.adapter,
                    ),
                    <alloy::sol_types::sol_data::Bytes as alloy_sol_types::SolType>::tokenize(
                        &self.swapData,
                    ),
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.minProfit),
                )
            }
            #[inline]
            fn tokenize_returns(ret: &Self::Return) -> Self::ReturnToken<'_> {
                liquidateReturn::_tokenize(ret)
            }
            #[inline]
            fn abi_decode_returns(data: &[u8]) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence(data)
                    .map(Into::into)
            }
            #[inline]
            fn abi_decode_returns_validate(
                data: &[u8],
            ) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Into::into)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Function with signature `liquidateBatch(((address,address,address,address,uint256),address,uint256,address,bytes,uint256)[])` and selector `0xf24d640a`.
```solidity
function liquidateBatch(ILiquidationExecutor.Order[] memory orders) external returns (uint256[] memory profits);
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct liquidateBatchCall {
        #[allow(missing_docs)]
        pub orders: alloy::sol_types::private::Vec<
            <ILiquidationExecutor::Order as alloy::sol_types::SolType>::RustType,
        >,
    }
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    ///Container type for the return parameters of the [`liquidateBatch(((address,address,address,address,uint256),address,uint256,address,bytes,uint256)[])`](liquidateBatchCall) function.
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct liquidateBatchReturn {
        #[allow(missing_docs)]
        pub profits: alloy::sol_types::private::Vec<
            alloy::sol_types::private::primitives::aliases::U256,
        >,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (
                alloy::sol_types::sol_data::Array<ILiquidationExecutor::Order>,
            );
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (
                alloy::sol_types::private::Vec<
                    <ILiquidationExecutor::Order as alloy::sol_types::SolType>::RustType,
                >,
            );
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<liquidateBatchCall> for UnderlyingRustTuple<'_> {
                fn from(value: liquidateBatchCall) -> Self {
                    (value.orders,)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for liquidateBatchCall {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self { orders: tuple.0 }
                }
            }
        }
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (
                alloy::sol_types::sol_data::Array<alloy::sol_types::sol_data::Uint<256>>,
            );
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (
                alloy::sol_types::private::Vec<
                    alloy::sol_types::private::primitives::aliases::U256,
                >,
            );
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<liquidateBatchReturn>
            for UnderlyingRustTuple<'_> {
                fn from(value: liquidateBatchReturn) -> Self {
                    (value.profits,)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>>
            for liquidateBatchReturn {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self { profits: tuple.0 }
                }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolCall for liquidateBatchCall {
            type Parameters<'a> = (
                alloy::sol_types::sol_data::Array<ILiquidationExecutor::Order>,
            );
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            type Return = alloy::sol_types::private::Vec<
                alloy::sol_types::private::primitives::aliases::U256,
            >;
            type ReturnTuple<'a> = (
                alloy::sol_types::sol_data::Array<alloy::sol_types::sol_data::Uint<256>>,
            );
            type ReturnToken<'a> = <Self::ReturnTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "liquidateBatch(((address,address,address,address,uint256),address,uint256,address,bytes,uint256)[])";
            const SELECTOR: [u8; 4] = [242u8, 77u8, 100u8, 10u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                (
                    <alloy::sol_types::sol_data::Array<
                        ILiquidationExecutor::Order,
                    > as alloy_sol_types::SolType>::tokenize(&self.orders),
                )
            }
            #[inline]
            fn tokenize_returns(ret: &Self::Return) -> Self::ReturnToken<'_> {
                (
                    <alloy::sol_types::sol_data::Array<
                        alloy::sol_types::sol_data::Uint<256>,
                    > as alloy_sol_types::SolType>::tokenize(ret),
                )
            }
            #[inline]
            fn abi_decode_returns(data: &[u8]) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence(data)
                    .map(|r| {
                        let r: liquidateBatchReturn = r.into();
                        r.profits
                    })
            }
            #[inline]
            fn abi_decode_returns_validate(
                data: &[u8],
            ) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(|r| {
                        let r: liquidateBatchReturn = r.into();
                        r.profits
                    })
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Function with signature `onCantileverLiquidate(uint256,bytes)` and selector `0xc76a9753`.
```solidity
function onCantileverLiquidate(uint256 repaidAssets, bytes memory data) external;
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct onCantileverLiquidateCall {
        #[allow(missing_docs)]
        pub repaidAssets: alloy::sol_types::private::primitives::aliases::U256,
        #[allow(missing_docs)]
        pub data: alloy::sol_types::private::Bytes,
    }
    ///Container type for the return parameters of the [`onCantileverLiquidate(uint256,bytes)`](onCantileverLiquidateCall) function.
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct onCantileverLiquidateReturn {}
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Bytes,
            );
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (
                alloy::sol_types::private::primitives::aliases::U256,
                alloy::sol_types::private::Bytes,
            );
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<onCantileverLiquidateCall>
            for UnderlyingRustTuple<'_> {
                fn from(value: onCantileverLiquidateCall) -> Self {
                    (value.repaidAssets, value.data)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>>
            for onCantileverLiquidateCall {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self {
                        repaidAssets: tuple.0,
                        data: tuple.1,
                    }
                }
            }
        }
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = ();
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = ();
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<onCantileverLiquidateReturn>
            for UnderlyingRustTuple<'_> {
                fn from(value: onCantileverLiquidateReturn) -> Self {
                    ()
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>>
            for onCantileverLiquidateReturn {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self {}
                }
            }
        }
        impl onCantileverLiquidateReturn {
            fn _tokenize(
                &self,
            ) -> <onCantileverLiquidateCall as alloy_sol_types::SolCall>::ReturnToken<
                '_,
            > {
                ()
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolCall for onCantileverLiquidateCall {
            type Parameters<'a> = (
                alloy::sol_types::sol_data::Uint<256>,
                alloy::sol_types::sol_data::Bytes,
            );
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            type Return = onCantileverLiquidateReturn;
            type ReturnTuple<'a> = ();
            type ReturnToken<'a> = <Self::ReturnTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "onCantileverLiquidate(uint256,bytes)";
            const SELECTOR: [u8; 4] = [199u8, 106u8, 151u8, 83u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                (
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(&self.repaidAssets),
                    <alloy::sol_types::sol_data::Bytes as alloy_sol_types::SolType>::tokenize(
                        &self.data,
                    ),
                )
            }
            #[inline]
            fn tokenize_returns(ret: &Self::Return) -> Self::ReturnToken<'_> {
                onCantileverLiquidateReturn::_tokenize(ret)
            }
            #[inline]
            fn abi_decode_returns(data: &[u8]) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence(data)
                    .map(Into::into)
            }
            #[inline]
            fn abi_decode_returns_validate(
                data: &[u8],
            ) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(Into::into)
            }
        }
    };
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    /**Function with signature `sweep(address)` and selector `0x01681a62`.
```solidity
function sweep(address token) external returns (uint256 amount);
```*/
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct sweepCall {
        #[allow(missing_docs)]
        pub token: alloy::sol_types::private::Address,
    }
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Default, Debug, PartialEq, Eq, Hash)]
    ///Container type for the return parameters of the [`sweep(address)`](sweepCall) function.
    #[allow(non_camel_case_types, non_snake_case, clippy::pub_underscore_fields)]
    #[derive(Clone)]
    pub struct sweepReturn {
        #[allow(missing_docs)]
        pub amount: alloy::sol_types::private::primitives::aliases::U256,
    }
    #[allow(
        non_camel_case_types,
        non_snake_case,
        clippy::pub_underscore_fields,
        clippy::style
    )]
    const _: () = {
        use alloy::sol_types as alloy_sol_types;
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (alloy::sol_types::sol_data::Address,);
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (alloy::sol_types::private::Address,);
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<sweepCall> for UnderlyingRustTuple<'_> {
                fn from(value: sweepCall) -> Self {
                    (value.token,)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for sweepCall {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self { token: tuple.0 }
                }
            }
        }
        {
            #[doc(hidden)]
            #[allow(dead_code)]
            type UnderlyingSolTuple<'a> = (alloy::sol_types::sol_data::Uint<256>,);
            #[doc(hidden)]
            type UnderlyingRustTuple<'a> = (
                alloy::sol_types::private::primitives::aliases::U256,
            );
            #[cfg(test)]
            #[allow(dead_code, unreachable_patterns)]
            fn _type_assertion(
                _t: alloy_sol_types::private::AssertTypeEq<UnderlyingRustTuple>,
            ) {
                match _t {
                    alloy_sol_types::private::AssertTypeEq::<
                        <UnderlyingSolTuple as alloy_sol_types::SolType>::RustType,
                    >(_) => {}
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<sweepReturn> for UnderlyingRustTuple<'_> {
                fn from(value: sweepReturn) -> Self {
                    (value.amount,)
                }
            }
            #[automatically_derived]
            #[doc(hidden)]
            impl ::core::convert::From<UnderlyingRustTuple<'_>> for sweepReturn {
                fn from(tuple: UnderlyingRustTuple<'_>) -> Self {
                    Self { amount: tuple.0 }
                }
            }
        }
        #[automatically_derived]
        impl alloy_sol_types::SolCall for sweepCall {
            type Parameters<'a> = (alloy::sol_types::sol_data::Address,);
            type Token<'a> = <Self::Parameters<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            type Return = alloy::sol_types::private::primitives::aliases::U256;
            type ReturnTuple<'a> = (alloy::sol_types::sol_data::Uint<256>,);
            type ReturnToken<'a> = <Self::ReturnTuple<
                'a,
            > as alloy_sol_types::SolType>::Token<'a>;
            const SIGNATURE: &'static str = "sweep(address)";
            const SELECTOR: [u8; 4] = [1u8, 104u8, 26u8, 98u8];
            #[inline]
            fn new<'a>(
                tuple: <Self::Parameters<'a> as alloy_sol_types::SolType>::RustType,
            ) -> Self {
                tuple.into()
            }
            #[inline]
            fn tokenize(&self) -> Self::Token<'_> {
                (
                    <alloy::sol_types::sol_data::Address as alloy_sol_types::SolType>::tokenize(
                        &self.token,
                    ),
                )
            }
            #[inline]
            fn tokenize_returns(ret: &Self::Return) -> Self::ReturnToken<'_> {
                (
                    <alloy::sol_types::sol_data::Uint<
                        256,
                    > as alloy_sol_types::SolType>::tokenize(ret),
                )
            }
            #[inline]
            fn abi_decode_returns(data: &[u8]) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence(data)
                    .map(|r| {
                        let r: sweepReturn = r.into();
                        r.amount
                    })
            }
            #[inline]
            fn abi_decode_returns_validate(
                data: &[u8],
            ) -> alloy_sol_types::Result<Self::Return> {
                <Self::ReturnTuple<
                    '_,
                > as alloy_sol_types::SolType>::abi_decode_sequence_validate(data)
                    .map(|r| {
                        let r: sweepReturn = r.into();
                        r.amount
                    })
            }
        }
    };
    ///Container for all the [`LiquidationExecutor`](self) function calls.
    #[derive(Clone)]
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive()]
    pub enum LiquidationExecutorCalls {
        #[allow(missing_docs)]
        CORE(CORECall),
        #[allow(missing_docs)]
        OWNER(OWNERCall),
        #[allow(missing_docs)]
        liquidate(liquidateCall),
        #[allow(missing_docs)]
        liquidateBatch(liquidateBatchCall),
        #[allow(missing_docs)]
        onCantileverLiquidate(onCantileverLiquidateCall),
        #[allow(missing_docs)]
        sweep(sweepCall),
    }
    impl LiquidationExecutorCalls {
        /// All the selectors of this enum.
        ///
        /// Note that the selectors might not be in the same order as the variants.
        /// No guarantees are made about the order of the selectors.
        ///
        /// Prefer using `SolInterface` methods instead.
        pub const SELECTORS: &'static [[u8; 4usize]] = &[
            [1u8, 104u8, 26u8, 98u8],
            [17u8, 120u8, 3u8, 227u8],
            [75u8, 255u8, 192u8, 69u8],
            [107u8, 108u8, 7u8, 116u8],
            [199u8, 106u8, 151u8, 83u8],
            [242u8, 77u8, 100u8, 10u8],
        ];
        /// The names of the variants in the same order as `SELECTORS`.
        pub const VARIANT_NAMES: &'static [&'static str] = &[
            ::core::stringify!(sweep),
            ::core::stringify!(OWNER),
            ::core::stringify!(liquidate),
            ::core::stringify!(CORE),
            ::core::stringify!(onCantileverLiquidate),
            ::core::stringify!(liquidateBatch),
        ];
        /// The signatures in the same order as `SELECTORS`.
        pub const SIGNATURES: &'static [&'static str] = &[
            <sweepCall as alloy_sol_types::SolCall>::SIGNATURE,
            <OWNERCall as alloy_sol_types::SolCall>::SIGNATURE,
            <liquidateCall as alloy_sol_types::SolCall>::SIGNATURE,
            <CORECall as alloy_sol_types::SolCall>::SIGNATURE,
            <onCantileverLiquidateCall as alloy_sol_types::SolCall>::SIGNATURE,
            <liquidateBatchCall as alloy_sol_types::SolCall>::SIGNATURE,
        ];
        /// Returns the signature for the given selector, if known.
        #[inline]
        pub fn signature_by_selector(
            selector: [u8; 4usize],
        ) -> ::core::option::Option<&'static str> {
            match Self::SELECTORS.binary_search(&selector) {
                ::core::result::Result::Ok(idx) => {
                    ::core::option::Option::Some(Self::SIGNATURES[idx])
                }
                ::core::result::Result::Err(_) => ::core::option::Option::None,
            }
        }
        /// Returns the enum variant name for the given selector, if known.
        #[inline]
        pub fn name_by_selector(
            selector: [u8; 4usize],
        ) -> ::core::option::Option<&'static str> {
            let sig = Self::signature_by_selector(selector)?;
            sig.split_once('(').map(|(name, _)| name)
        }
    }
    #[automatically_derived]
    impl alloy_sol_types::SolInterface for LiquidationExecutorCalls {
        const NAME: &'static str = "LiquidationExecutorCalls";
        const MIN_DATA_LENGTH: usize = 0usize;
        const COUNT: usize = 6usize;
        #[inline]
        fn selector(&self) -> [u8; 4] {
            match self {
                Self::CORE(_) => <CORECall as alloy_sol_types::SolCall>::SELECTOR,
                Self::OWNER(_) => <OWNERCall as alloy_sol_types::SolCall>::SELECTOR,
                Self::liquidate(_) => {
                    <liquidateCall as alloy_sol_types::SolCall>::SELECTOR
                }
                Self::liquidateBatch(_) => {
                    <liquidateBatchCall as alloy_sol_types::SolCall>::SELECTOR
                }
                Self::onCantileverLiquidate(_) => {
                    <onCantileverLiquidateCall as alloy_sol_types::SolCall>::SELECTOR
                }
                Self::sweep(_) => <sweepCall as alloy_sol_types::SolCall>::SELECTOR,
            }
        }
        #[inline]
        fn selector_at(i: usize) -> ::core::option::Option<[u8; 4]> {
            Self::SELECTORS.get(i).copied()
        }
        #[inline]
        fn valid_selector(selector: [u8; 4]) -> bool {
            Self::SELECTORS.binary_search(&selector).is_ok()
        }
        #[inline]
        #[allow(non_snake_case)]
        fn abi_decode_raw(
            selector: [u8; 4],
            data: &[u8],
        ) -> alloy_sol_types::Result<Self> {
            static DECODE_SHIMS: &[fn(
                &[u8],
            ) -> alloy_sol_types::Result<LiquidationExecutorCalls>] = &[
                {
                    fn sweep(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <sweepCall as alloy_sol_types::SolCall>::abi_decode_raw(data)
                            .map(LiquidationExecutorCalls::sweep)
                    }
                    sweep
                },
                {
                    fn OWNER(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <OWNERCall as alloy_sol_types::SolCall>::abi_decode_raw(data)
                            .map(LiquidationExecutorCalls::OWNER)
                    }
                    OWNER
                },
                {
                    fn liquidate(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <liquidateCall as alloy_sol_types::SolCall>::abi_decode_raw(data)
                            .map(LiquidationExecutorCalls::liquidate)
                    }
                    liquidate
                },
                {
                    fn CORE(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <CORECall as alloy_sol_types::SolCall>::abi_decode_raw(data)
                            .map(LiquidationExecutorCalls::CORE)
                    }
                    CORE
                },
                {
                    fn onCantileverLiquidate(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <onCantileverLiquidateCall as alloy_sol_types::SolCall>::abi_decode_raw(
                                data,
                            )
                            .map(LiquidationExecutorCalls::onCantileverLiquidate)
                    }
                    onCantileverLiquidate
                },
                {
                    fn liquidateBatch(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <liquidateBatchCall as alloy_sol_types::SolCall>::abi_decode_raw(
                                data,
                            )
                            .map(LiquidationExecutorCalls::liquidateBatch)
                    }
                    liquidateBatch
                },
            ];
            let Ok(idx) = Self::SELECTORS.binary_search(&selector) else {
                return Err(
                    alloy_sol_types::Error::unknown_selector(
                        <Self as alloy_sol_types::SolInterface>::NAME,
                        selector,
                    ),
                );
            };
            DECODE_SHIMS[idx](data)
        }
        #[inline]
        #[allow(non_snake_case)]
        fn abi_decode_raw_validate(
            selector: [u8; 4],
            data: &[u8],
        ) -> alloy_sol_types::Result<Self> {
            static DECODE_VALIDATE_SHIMS: &[fn(
                &[u8],
            ) -> alloy_sol_types::Result<LiquidationExecutorCalls>] = &[
                {
                    fn sweep(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <sweepCall as alloy_sol_types::SolCall>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorCalls::sweep)
                    }
                    sweep
                },
                {
                    fn OWNER(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <OWNERCall as alloy_sol_types::SolCall>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorCalls::OWNER)
                    }
                    OWNER
                },
                {
                    fn liquidate(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <liquidateCall as alloy_sol_types::SolCall>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorCalls::liquidate)
                    }
                    liquidate
                },
                {
                    fn CORE(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <CORECall as alloy_sol_types::SolCall>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorCalls::CORE)
                    }
                    CORE
                },
                {
                    fn onCantileverLiquidate(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <onCantileverLiquidateCall as alloy_sol_types::SolCall>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorCalls::onCantileverLiquidate)
                    }
                    onCantileverLiquidate
                },
                {
                    fn liquidateBatch(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorCalls> {
                        <liquidateBatchCall as alloy_sol_types::SolCall>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorCalls::liquidateBatch)
                    }
                    liquidateBatch
                },
            ];
            let Ok(idx) = Self::SELECTORS.binary_search(&selector) else {
                return Err(
                    alloy_sol_types::Error::unknown_selector(
                        <Self as alloy_sol_types::SolInterface>::NAME,
                        selector,
                    ),
                );
            };
            DECODE_VALIDATE_SHIMS[idx](data)
        }
        #[inline]
        fn abi_encoded_size(&self) -> usize {
            match self {
                Self::CORE(inner) => {
                    <CORECall as alloy_sol_types::SolCall>::abi_encoded_size(inner)
                }
                Self::OWNER(inner) => {
                    <OWNERCall as alloy_sol_types::SolCall>::abi_encoded_size(inner)
                }
                Self::liquidate(inner) => {
                    <liquidateCall as alloy_sol_types::SolCall>::abi_encoded_size(inner)
                }
                Self::liquidateBatch(inner) => {
                    <liquidateBatchCall as alloy_sol_types::SolCall>::abi_encoded_size(
                        inner,
                    )
                }
                Self::onCantileverLiquidate(inner) => {
                    <onCantileverLiquidateCall as alloy_sol_types::SolCall>::abi_encoded_size(
                        inner,
                    )
                }
                Self::sweep(inner) => {
                    <sweepCall as alloy_sol_types::SolCall>::abi_encoded_size(inner)
                }
            }
        }
        #[inline]
        fn abi_encode_raw(&self, out: &mut alloy_sol_types::private::Vec<u8>) {
            match self {
                Self::CORE(inner) => {
                    <CORECall as alloy_sol_types::SolCall>::abi_encode_raw(inner, out)
                }
                Self::OWNER(inner) => {
                    <OWNERCall as alloy_sol_types::SolCall>::abi_encode_raw(inner, out)
                }
                Self::liquidate(inner) => {
                    <liquidateCall as alloy_sol_types::SolCall>::abi_encode_raw(
                        inner,
                        out,
                    )
                }
                Self::liquidateBatch(inner) => {
                    <liquidateBatchCall as alloy_sol_types::SolCall>::abi_encode_raw(
                        inner,
                        out,
                    )
                }
                Self::onCantileverLiquidate(inner) => {
                    <onCantileverLiquidateCall as alloy_sol_types::SolCall>::abi_encode_raw(
                        inner,
                        out,
                    )
                }
                Self::sweep(inner) => {
                    <sweepCall as alloy_sol_types::SolCall>::abi_encode_raw(inner, out)
                }
            }
        }
    }
    ///Container for all the [`LiquidationExecutor`](self) custom errors.
    #[derive(Clone)]
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Debug, PartialEq, Eq, Hash)]
    pub enum LiquidationExecutorErrors {
        #[allow(missing_docs)]
        ApproveFailed(ApproveFailed),
        #[allow(missing_docs)]
        NoCode(NoCode),
        #[allow(missing_docs)]
        NotCore(NotCore),
        #[allow(missing_docs)]
        NotOwner(NotOwner),
        #[allow(missing_docs)]
        NothingLiquidated(NothingLiquidated),
        #[allow(missing_docs)]
        ProfitTooLow(ProfitTooLow),
        #[allow(missing_docs)]
        TransferReturnedFalse(TransferReturnedFalse),
        #[allow(missing_docs)]
        TransferReverted(TransferReverted),
    }
    impl LiquidationExecutorErrors {
        /// All the selectors of this enum.
        ///
        /// Note that the selectors might not be in the same order as the variants.
        /// No guarantees are made about the order of the selectors.
        ///
        /// Prefer using `SolInterface` methods instead.
        pub const SELECTORS: &'static [[u8; 4usize]] = &[
            [47u8, 4u8, 112u8, 252u8],
            [48u8, 205u8, 116u8, 113u8],
            [136u8, 33u8, 95u8, 156u8],
            [172u8, 226u8, 164u8, 126u8],
            [201u8, 11u8, 184u8, 106u8],
            [221u8, 32u8, 94u8, 182u8],
            [226u8, 170u8, 224u8, 107u8],
            [240u8, 70u8, 167u8, 20u8],
        ];
        /// The names of the variants in the same order as `SELECTORS`.
        pub const VARIANT_NAMES: &'static [&'static str] = &[
            ::core::stringify!(TransferReturnedFalse),
            ::core::stringify!(NotOwner),
            ::core::stringify!(ProfitTooLow),
            ::core::stringify!(TransferReverted),
            ::core::stringify!(ApproveFailed),
            ::core::stringify!(NothingLiquidated),
            ::core::stringify!(NotCore),
            ::core::stringify!(NoCode),
        ];
        /// The signatures in the same order as `SELECTORS`.
        pub const SIGNATURES: &'static [&'static str] = &[
            <TransferReturnedFalse as alloy_sol_types::SolError>::SIGNATURE,
            <NotOwner as alloy_sol_types::SolError>::SIGNATURE,
            <ProfitTooLow as alloy_sol_types::SolError>::SIGNATURE,
            <TransferReverted as alloy_sol_types::SolError>::SIGNATURE,
            <ApproveFailed as alloy_sol_types::SolError>::SIGNATURE,
            <NothingLiquidated as alloy_sol_types::SolError>::SIGNATURE,
            <NotCore as alloy_sol_types::SolError>::SIGNATURE,
            <NoCode as alloy_sol_types::SolError>::SIGNATURE,
        ];
        /// Returns the signature for the given selector, if known.
        #[inline]
        pub fn signature_by_selector(
            selector: [u8; 4usize],
        ) -> ::core::option::Option<&'static str> {
            match Self::SELECTORS.binary_search(&selector) {
                ::core::result::Result::Ok(idx) => {
                    ::core::option::Option::Some(Self::SIGNATURES[idx])
                }
                ::core::result::Result::Err(_) => ::core::option::Option::None,
            }
        }
        /// Returns the enum variant name for the given selector, if known.
        #[inline]
        pub fn name_by_selector(
            selector: [u8; 4usize],
        ) -> ::core::option::Option<&'static str> {
            let sig = Self::signature_by_selector(selector)?;
            sig.split_once('(').map(|(name, _)| name)
        }
    }
    #[automatically_derived]
    impl alloy_sol_types::SolInterface for LiquidationExecutorErrors {
        const NAME: &'static str = "LiquidationExecutorErrors";
        const MIN_DATA_LENGTH: usize = 0usize;
        const COUNT: usize = 8usize;
        #[inline]
        fn selector(&self) -> [u8; 4] {
            match self {
                Self::ApproveFailed(_) => {
                    <ApproveFailed as alloy_sol_types::SolError>::SELECTOR
                }
                Self::NoCode(_) => <NoCode as alloy_sol_types::SolError>::SELECTOR,
                Self::NotCore(_) => <NotCore as alloy_sol_types::SolError>::SELECTOR,
                Self::NotOwner(_) => <NotOwner as alloy_sol_types::SolError>::SELECTOR,
                Self::NothingLiquidated(_) => {
                    <NothingLiquidated as alloy_sol_types::SolError>::SELECTOR
                }
                Self::ProfitTooLow(_) => {
                    <ProfitTooLow as alloy_sol_types::SolError>::SELECTOR
                }
                Self::TransferReturnedFalse(_) => {
                    <TransferReturnedFalse as alloy_sol_types::SolError>::SELECTOR
                }
                Self::TransferReverted(_) => {
                    <TransferReverted as alloy_sol_types::SolError>::SELECTOR
                }
            }
        }
        #[inline]
        fn selector_at(i: usize) -> ::core::option::Option<[u8; 4]> {
            Self::SELECTORS.get(i).copied()
        }
        #[inline]
        fn valid_selector(selector: [u8; 4]) -> bool {
            Self::SELECTORS.binary_search(&selector).is_ok()
        }
        #[inline]
        #[allow(non_snake_case)]
        fn abi_decode_raw(
            selector: [u8; 4],
            data: &[u8],
        ) -> alloy_sol_types::Result<Self> {
            static DECODE_SHIMS: &[fn(
                &[u8],
            ) -> alloy_sol_types::Result<LiquidationExecutorErrors>] = &[
                {
                    fn TransferReturnedFalse(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <TransferReturnedFalse as alloy_sol_types::SolError>::abi_decode_raw(
                                data,
                            )
                            .map(LiquidationExecutorErrors::TransferReturnedFalse)
                    }
                    TransferReturnedFalse
                },
                {
                    fn NotOwner(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <NotOwner as alloy_sol_types::SolError>::abi_decode_raw(data)
                            .map(LiquidationExecutorErrors::NotOwner)
                    }
                    NotOwner
                },
                {
                    fn ProfitTooLow(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <ProfitTooLow as alloy_sol_types::SolError>::abi_decode_raw(data)
                            .map(LiquidationExecutorErrors::ProfitTooLow)
                    }
                    ProfitTooLow
                },
                {
                    fn TransferReverted(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <TransferReverted as alloy_sol_types::SolError>::abi_decode_raw(
                                data,
                            )
                            .map(LiquidationExecutorErrors::TransferReverted)
                    }
                    TransferReverted
                },
                {
                    fn ApproveFailed(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <ApproveFailed as alloy_sol_types::SolError>::abi_decode_raw(
                                data,
                            )
                            .map(LiquidationExecutorErrors::ApproveFailed)
                    }
                    ApproveFailed
                },
                {
                    fn NothingLiquidated(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <NothingLiquidated as alloy_sol_types::SolError>::abi_decode_raw(
                                data,
                            )
                            .map(LiquidationExecutorErrors::NothingLiquidated)
                    }
                    NothingLiquidated
                },
                {
                    fn NotCore(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <NotCore as alloy_sol_types::SolError>::abi_decode_raw(data)
                            .map(LiquidationExecutorErrors::NotCore)
                    }
                    NotCore
                },
                {
                    fn NoCode(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <NoCode as alloy_sol_types::SolError>::abi_decode_raw(data)
                            .map(LiquidationExecutorErrors::NoCode)
                    }
                    NoCode
                },
            ];
            let Ok(idx) = Self::SELECTORS.binary_search(&selector) else {
                return Err(
                    alloy_sol_types::Error::unknown_selector(
                        <Self as alloy_sol_types::SolInterface>::NAME,
                        selector,
                    ),
                );
            };
            DECODE_SHIMS[idx](data)
        }
        #[inline]
        #[allow(non_snake_case)]
        fn abi_decode_raw_validate(
            selector: [u8; 4],
            data: &[u8],
        ) -> alloy_sol_types::Result<Self> {
            static DECODE_VALIDATE_SHIMS: &[fn(
                &[u8],
            ) -> alloy_sol_types::Result<LiquidationExecutorErrors>] = &[
                {
                    fn TransferReturnedFalse(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <TransferReturnedFalse as alloy_sol_types::SolError>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorErrors::TransferReturnedFalse)
                    }
                    TransferReturnedFalse
                },
                {
                    fn NotOwner(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <NotOwner as alloy_sol_types::SolError>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorErrors::NotOwner)
                    }
                    NotOwner
                },
                {
                    fn ProfitTooLow(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <ProfitTooLow as alloy_sol_types::SolError>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorErrors::ProfitTooLow)
                    }
                    ProfitTooLow
                },
                {
                    fn TransferReverted(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <TransferReverted as alloy_sol_types::SolError>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorErrors::TransferReverted)
                    }
                    TransferReverted
                },
                {
                    fn ApproveFailed(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <ApproveFailed as alloy_sol_types::SolError>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorErrors::ApproveFailed)
                    }
                    ApproveFailed
                },
                {
                    fn NothingLiquidated(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <NothingLiquidated as alloy_sol_types::SolError>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorErrors::NothingLiquidated)
                    }
                    NothingLiquidated
                },
                {
                    fn NotCore(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <NotCore as alloy_sol_types::SolError>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorErrors::NotCore)
                    }
                    NotCore
                },
                {
                    fn NoCode(
                        data: &[u8],
                    ) -> alloy_sol_types::Result<LiquidationExecutorErrors> {
                        <NoCode as alloy_sol_types::SolError>::abi_decode_raw_validate(
                                data,
                            )
                            .map(LiquidationExecutorErrors::NoCode)
                    }
                    NoCode
                },
            ];
            let Ok(idx) = Self::SELECTORS.binary_search(&selector) else {
                return Err(
                    alloy_sol_types::Error::unknown_selector(
                        <Self as alloy_sol_types::SolInterface>::NAME,
                        selector,
                    ),
                );
            };
            DECODE_VALIDATE_SHIMS[idx](data)
        }
        #[inline]
        fn abi_encoded_size(&self) -> usize {
            match self {
                Self::ApproveFailed(inner) => {
                    <ApproveFailed as alloy_sol_types::SolError>::abi_encoded_size(inner)
                }
                Self::NoCode(inner) => {
                    <NoCode as alloy_sol_types::SolError>::abi_encoded_size(inner)
                }
                Self::NotCore(inner) => {
                    <NotCore as alloy_sol_types::SolError>::abi_encoded_size(inner)
                }
                Self::NotOwner(inner) => {
                    <NotOwner as alloy_sol_types::SolError>::abi_encoded_size(inner)
                }
                Self::NothingLiquidated(inner) => {
                    <NothingLiquidated as alloy_sol_types::SolError>::abi_encoded_size(
                        inner,
                    )
                }
                Self::ProfitTooLow(inner) => {
                    <ProfitTooLow as alloy_sol_types::SolError>::abi_encoded_size(inner)
                }
                Self::TransferReturnedFalse(inner) => {
                    <TransferReturnedFalse as alloy_sol_types::SolError>::abi_encoded_size(
                        inner,
                    )
                }
                Self::TransferReverted(inner) => {
                    <TransferReverted as alloy_sol_types::SolError>::abi_encoded_size(
                        inner,
                    )
                }
            }
        }
        #[inline]
        fn abi_encode_raw(&self, out: &mut alloy_sol_types::private::Vec<u8>) {
            match self {
                Self::ApproveFailed(inner) => {
                    <ApproveFailed as alloy_sol_types::SolError>::abi_encode_raw(
                        inner,
                        out,
                    )
                }
                Self::NoCode(inner) => {
                    <NoCode as alloy_sol_types::SolError>::abi_encode_raw(inner, out)
                }
                Self::NotCore(inner) => {
                    <NotCore as alloy_sol_types::SolError>::abi_encode_raw(inner, out)
                }
                Self::NotOwner(inner) => {
                    <NotOwner as alloy_sol_types::SolError>::abi_encode_raw(inner, out)
                }
                Self::NothingLiquidated(inner) => {
                    <NothingLiquidated as alloy_sol_types::SolError>::abi_encode_raw(
                        inner,
                        out,
                    )
                }
                Self::ProfitTooLow(inner) => {
                    <ProfitTooLow as alloy_sol_types::SolError>::abi_encode_raw(
                        inner,
                        out,
                    )
                }
                Self::TransferReturnedFalse(inner) => {
                    <TransferReturnedFalse as alloy_sol_types::SolError>::abi_encode_raw(
                        inner,
                        out,
                    )
                }
                Self::TransferReverted(inner) => {
                    <TransferReverted as alloy_sol_types::SolError>::abi_encode_raw(
                        inner,
                        out,
                    )
                }
            }
        }
    }
    ///Container for all the [`LiquidationExecutor`](self) events.
    #[derive(Clone)]
    #[derive(serde::Serialize, serde::Deserialize)]
    #[derive(Debug, PartialEq, Eq, Hash)]
    pub enum LiquidationExecutorEvents {
        #[allow(missing_docs)]
        Liquidated(Liquidated),
        #[allow(missing_docs)]
        LiquidationSkipped(LiquidationSkipped),
    }
    impl LiquidationExecutorEvents {
        /// All the selectors of this enum.
        ///
        /// Note that the selectors might not be in the same order as the variants.
        /// No guarantees are made about the order of the selectors.
        ///
        /// Prefer using `SolInterface` methods instead.
        pub const SELECTORS: &'static [[u8; 32usize]] = &[
            [
                20u8, 194u8, 123u8, 25u8, 44u8, 23u8, 44u8, 0u8, 129u8, 140u8, 175u8,
                198u8, 84u8, 117u8, 108u8, 191u8, 81u8, 171u8, 78u8, 60u8, 222u8, 27u8,
                33u8, 196u8, 150u8, 69u8, 193u8, 155u8, 172u8, 166u8, 201u8, 177u8,
            ],
            [
                71u8, 8u8, 209u8, 33u8, 22u8, 147u8, 241u8, 224u8, 200u8, 214u8, 226u8,
                188u8, 232u8, 111u8, 26u8, 139u8, 102u8, 90u8, 115u8, 117u8, 20u8, 170u8,
                43u8, 134u8, 222u8, 115u8, 184u8, 196u8, 141u8, 10u8, 88u8, 23u8,
            ],
        ];
        /// The names of the variants in the same order as `SELECTORS`.
        pub const VARIANT_NAMES: &'static [&'static str] = &[
            ::core::stringify!(LiquidationSkipped),
            ::core::stringify!(Liquidated),
        ];
        /// The signatures in the same order as `SELECTORS`.
        pub const SIGNATURES: &'static [&'static str] = &[
            <LiquidationSkipped as alloy_sol_types::SolEvent>::SIGNATURE,
            <Liquidated as alloy_sol_types::SolEvent>::SIGNATURE,
        ];
        /// Returns the signature for the given selector, if known.
        #[inline]
        pub fn signature_by_selector(
            selector: [u8; 32usize],
        ) -> ::core::option::Option<&'static str> {
            match Self::SELECTORS.binary_search(&selector) {
                ::core::result::Result::Ok(idx) => {
                    ::core::option::Option::Some(Self::SIGNATURES[idx])
                }
                ::core::result::Result::Err(_) => ::core::option::Option::None,
            }
        }
        /// Returns the enum variant name for the given selector, if known.
        #[inline]
        pub fn name_by_selector(
            selector: [u8; 32usize],
        ) -> ::core::option::Option<&'static str> {
            let sig = Self::signature_by_selector(selector)?;
            sig.split_once('(').map(|(name, _)| name)
        }
    }
    #[automatically_derived]
    impl alloy_sol_types::SolEventInterface for LiquidationExecutorEvents {
        const NAME: &'static str = "LiquidationExecutorEvents";
        const COUNT: usize = 2usize;
        fn decode_raw_log(
            topics: &[alloy_sol_types::Word],
            data: &[u8],
        ) -> alloy_sol_types::Result<Self> {
            match topics.first().copied() {
                Some(<Liquidated as alloy_sol_types::SolEvent>::SIGNATURE_HASH) => {
                    <Liquidated as alloy_sol_types::SolEvent>::decode_raw_log(
                            topics,
                            data,
                        )
                        .map(Self::Liquidated)
                }
                Some(
                    <LiquidationSkipped as alloy_sol_types::SolEvent>::SIGNATURE_HASH,
                ) => {
                    <LiquidationSkipped as alloy_sol_types::SolEvent>::decode_raw_log(
                            topics,
                            data,
                        )
                        .map(Self::LiquidationSkipped)
                }
                _ => {
                    alloy_sol_types::private::Err(alloy_sol_types::Error::InvalidLog {
                        name: <Self as alloy_sol_types::SolEventInterface>::NAME,
                        log: alloy_sol_types::private::Box::new(
                            alloy_sol_types::private::LogData::new_unchecked(
                                topics.to_vec(),
                                data.to_vec().into(),
                            ),
                        ),
                    })
                }
            }
        }
    }
    #[automatically_derived]
    impl alloy_sol_types::private::IntoLogData for LiquidationExecutorEvents {
        fn to_log_data(&self) -> alloy_sol_types::private::LogData {
            match self {
                Self::Liquidated(inner) => {
                    alloy_sol_types::private::IntoLogData::to_log_data(inner)
                }
                Self::LiquidationSkipped(inner) => {
                    alloy_sol_types::private::IntoLogData::to_log_data(inner)
                }
            }
        }
        fn into_log_data(self) -> alloy_sol_types::private::LogData {
            match self {
                Self::Liquidated(inner) => {
                    alloy_sol_types::private::IntoLogData::into_log_data(inner)
                }
                Self::LiquidationSkipped(inner) => {
                    alloy_sol_types::private::IntoLogData::into_log_data(inner)
                }
            }
        }
    }
    use alloy::contract as alloy_contract;
    /**Creates a new wrapper around an on-chain [`LiquidationExecutor`](self) contract instance.

See the [wrapper's documentation](`LiquidationExecutorInstance`) for more details.*/
    #[inline]
    pub const fn new<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    >(
        address: alloy_sol_types::private::Address,
        __provider: P,
    ) -> LiquidationExecutorInstance<P, N> {
        LiquidationExecutorInstance::<P, N>::new(address, __provider)
    }
    /**Deploys this contract using the given `provider` and constructor arguments, if any.

Returns a new instance of the contract, if the deployment was successful.

For more fine-grained control over the deployment process, use [`deploy_builder`] instead.*/
    #[inline]
    pub fn deploy<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    >(
        __provider: P,
        core: alloy::sol_types::private::Address,
        owner: alloy::sol_types::private::Address,
    ) -> impl ::core::future::Future<
        Output = alloy_contract::Result<LiquidationExecutorInstance<P, N>>,
    > {
        LiquidationExecutorInstance::<P, N>::deploy(__provider, core, owner)
    }
    /**Creates a `RawCallBuilder` for deploying this contract using the given `provider`
and constructor arguments, if any.

This is a simple wrapper around creating a `RawCallBuilder` with the data set to
the bytecode concatenated with the constructor's ABI-encoded arguments.*/
    #[inline]
    pub fn deploy_builder<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    >(
        __provider: P,
        core: alloy::sol_types::private::Address,
        owner: alloy::sol_types::private::Address,
    ) -> alloy_contract::RawCallBuilder<P, N> {
        LiquidationExecutorInstance::<P, N>::deploy_builder(__provider, core, owner)
    }
    /**A [`LiquidationExecutor`](self) instance.

Contains type-safe methods for interacting with an on-chain instance of the
[`LiquidationExecutor`](self) contract located at a given `address`, using a given
provider `P`.

If the contract bytecode is available (see the [`sol!`](alloy_sol_types::sol!)
documentation on how to provide it), the `deploy` and `deploy_builder` methods can
be used to deploy a new instance of the contract.

See the [module-level documentation](self) for all the available methods.*/
    #[derive(Clone)]
    pub struct LiquidationExecutorInstance<P, N = alloy_contract::private::Ethereum> {
        address: alloy_sol_types::private::Address,
        provider: P,
        _network: ::core::marker::PhantomData<N>,
    }
    #[automatically_derived]
    impl<P, N> ::core::fmt::Debug for LiquidationExecutorInstance<P, N> {
        #[inline]
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_tuple("LiquidationExecutorInstance").field(&self.address).finish()
        }
    }
    /// Instantiation and getters/setters.
    impl<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    > LiquidationExecutorInstance<P, N> {
        /**Creates a new wrapper around an on-chain [`LiquidationExecutor`](self) contract instance.

See the [wrapper's documentation](`LiquidationExecutorInstance`) for more details.*/
        #[inline]
        pub const fn new(
            address: alloy_sol_types::private::Address,
            __provider: P,
        ) -> Self {
            Self {
                address,
                provider: __provider,
                _network: ::core::marker::PhantomData,
            }
        }
        /**Deploys this contract using the given `provider` and constructor arguments, if any.

Returns a new instance of the contract, if the deployment was successful.

For more fine-grained control over the deployment process, use [`deploy_builder`] instead.*/
        #[inline]
        pub async fn deploy(
            __provider: P,
            core: alloy::sol_types::private::Address,
            owner: alloy::sol_types::private::Address,
        ) -> alloy_contract::Result<LiquidationExecutorInstance<P, N>> {
            let call_builder = Self::deploy_builder(__provider, core, owner);
            let contract_address = call_builder.deploy().await?;
            Ok(Self::new(contract_address, call_builder.provider))
        }
        /**Creates a `RawCallBuilder` for deploying this contract using the given `provider`
and constructor arguments, if any.

This is a simple wrapper around creating a `RawCallBuilder` with the data set to
the bytecode concatenated with the constructor's ABI-encoded arguments.*/
        #[inline]
        pub fn deploy_builder(
            __provider: P,
            core: alloy::sol_types::private::Address,
            owner: alloy::sol_types::private::Address,
        ) -> alloy_contract::RawCallBuilder<P, N> {
            alloy_contract::RawCallBuilder::new_raw_deploy(
                __provider,
                [
                    &BYTECODE[..],
                    &alloy_sol_types::SolConstructor::abi_encode(
                        &constructorCall { core, owner },
                    )[..],
                ]
                    .concat()
                    .into(),
            )
        }
        /// Returns a reference to the address.
        #[inline]
        pub const fn address(&self) -> &alloy_sol_types::private::Address {
            &self.address
        }
        /// Sets the address.
        #[inline]
        pub fn set_address(&mut self, address: alloy_sol_types::private::Address) {
            self.address = address;
        }
        /// Sets the address and returns `self`.
        pub fn at(mut self, address: alloy_sol_types::private::Address) -> Self {
            self.set_address(address);
            self
        }
        /// Returns a reference to the provider.
        #[inline]
        pub const fn provider(&self) -> &P {
            &self.provider
        }
    }
    impl<P: ::core::clone::Clone, N> LiquidationExecutorInstance<&P, N> {
        /// Clones the provider and returns a new instance with the cloned provider.
        #[inline]
        pub fn with_cloned_provider(self) -> LiquidationExecutorInstance<P, N> {
            LiquidationExecutorInstance {
                address: self.address,
                provider: ::core::clone::Clone::clone(&self.provider),
                _network: ::core::marker::PhantomData,
            }
        }
    }
    /// Function calls.
    impl<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    > LiquidationExecutorInstance<P, N> {
        /// Creates a new call builder using this contract instance's provider and address.
        ///
        /// Note that the call can be any function call, not just those defined in this
        /// contract. Prefer using the other methods for building type-safe contract calls.
        pub fn call_builder<C: alloy_sol_types::SolCall>(
            &self,
            call: &C,
        ) -> alloy_contract::SolCallBuilder<&P, C, N> {
            alloy_contract::SolCallBuilder::new_sol(&self.provider, &self.address, call)
        }
        ///Creates a new call builder for the [`CORE`] function.
        pub fn CORE(&self) -> alloy_contract::SolCallBuilder<&P, CORECall, N> {
            self.call_builder(&CORECall)
        }
        ///Creates a new call builder for the [`OWNER`] function.
        pub fn OWNER(&self) -> alloy_contract::SolCallBuilder<&P, OWNERCall, N> {
            self.call_builder(&OWNERCall)
        }
        ///Creates a new call builder for the [`liquidate`] function.
        pub fn liquidate(
            &self,
            marketParams: <MarketParams as alloy::sol_types::SolType>::RustType,
            borrower: alloy::sol_types::private::Address,
            maxRepayAssets: alloy::sol_types::private::primitives::aliases::U256,
            adapter: alloy::sol_types::private::Address,
            swapData: alloy::sol_types::private::Bytes,
            minProfit: alloy::sol_types::private::primitives::aliases::U256,
        ) -> alloy_contract::SolCallBuilder<&P, liquidateCall, N> {
            self.call_builder(
                &liquidateCall {
                    marketParams,
                    borrower,
                    maxRepayAssets,
                    adapter,
                    swapData,
                    minProfit,
                },
            )
        }
        ///Creates a new call builder for the [`liquidateBatch`] function.
        pub fn liquidateBatch(
            &self,
            orders: alloy::sol_types::private::Vec<
                <ILiquidationExecutor::Order as alloy::sol_types::SolType>::RustType,
            >,
        ) -> alloy_contract::SolCallBuilder<&P, liquidateBatchCall, N> {
            self.call_builder(&liquidateBatchCall { orders })
        }
        ///Creates a new call builder for the [`onCantileverLiquidate`] function.
        pub fn onCantileverLiquidate(
            &self,
            repaidAssets: alloy::sol_types::private::primitives::aliases::U256,
            data: alloy::sol_types::private::Bytes,
        ) -> alloy_contract::SolCallBuilder<&P, onCantileverLiquidateCall, N> {
            self.call_builder(
                &onCantileverLiquidateCall {
                    repaidAssets,
                    data,
                },
            )
        }
        ///Creates a new call builder for the [`sweep`] function.
        pub fn sweep(
            &self,
            token: alloy::sol_types::private::Address,
        ) -> alloy_contract::SolCallBuilder<&P, sweepCall, N> {
            self.call_builder(&sweepCall { token })
        }
    }
    /// Event filters.
    impl<
        P: alloy_contract::private::Provider<N>,
        N: alloy_contract::private::Network,
    > LiquidationExecutorInstance<P, N> {
        /// Creates a new event filter using this contract instance's provider and address.
        ///
        /// Note that the type can be any event, not just those defined in this contract.
        /// Prefer using the other methods for building type-safe event filters.
        pub fn event_filter<E: alloy_sol_types::SolEvent>(
            &self,
        ) -> alloy_contract::Event<&P, E, N> {
            alloy_contract::Event::new_sol(&self.provider, &self.address)
        }
        ///Creates a new event filter for the [`Liquidated`] event.
        pub fn Liquidated_filter(&self) -> alloy_contract::Event<&P, Liquidated, N> {
            self.event_filter::<Liquidated>()
        }
        ///Creates a new event filter for the [`LiquidationSkipped`] event.
        pub fn LiquidationSkipped_filter(
            &self,
        ) -> alloy_contract::Event<&P, LiquidationSkipped, N> {
            self.event_filter::<LiquidationSkipped>()
        }
    }
}
